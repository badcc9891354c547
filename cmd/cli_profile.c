/* cli_profile.c - where profiles are found, and the one policy for opening
 * them: every command that reads profiles comes here. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "stk-profile-dirs.h"

/* The executable's folder, from /proc/self/exe; "" when unknown. */
static void exe_dir(char *dir, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", dir, size - 1);
	dir[n > 0 ? n : 0] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		dir[0] = '\0';
}

/* A binary in the build tree has a marker file beside it naming the
 * source tree's profiles (meson writes it; it is never installed). */
static bool build_tree_dir(const char *bindir, char *out, size_t size)
{
	char marker[PATH_MAX + 64];
	snprintf(marker, sizeof marker, "%s/%s", bindir, STK_BUILD_TREE_MARKER);
	FILE *f = fopen(marker, "r");
	if (!f)
		return false;
	bool ok = fgets(out, (int)size, f) != NULL;
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	return ok && out[0];
}

const char *const *cli_profile_dirs(void)
{
	static char beside[PATH_MAX + 64], tree[PATH_MAX];
	static const char *dirs[5];
	if (dirs[0])
		return dirs;
	size_t n = 0;
	char bindir[PATH_MAX];
	exe_dir(bindir, sizeof bindir);
	if (bindir[0]) {
		snprintf(beside, sizeof beside, "%s/%s", bindir, STK_PROFILE_DIR_FROM_BINDIR);
		dirs[n++] = beside;
		if (build_tree_dir(bindir, tree, sizeof tree))
			dirs[n++] = tree;
	}
	dirs[n++] = STK_PROFILE_DIR_INSTALLED;
	const char *env = getenv("STK_PROFILE_DIR");
	if (env && *env)
		dirs[n++] = env;
	dirs[n] = NULL;
	return dirs;
}

/* A path (a '/' or a .json ending) is a file, as stk_profile_open() says. */
static bool is_file(const char *name)
{
	size_t len = strlen(name);
	return strchr(name, '/') || (len > 5 && strcmp(name + len - 5, ".json") == 0);
}

int cli_profile_open(const struct cli_cmd *cmd, const char *name, const char *what,
                     stk_profile **out)
{
	stk_error err;
	stk_error_init(&err);
	*out = NULL;
	/* The table says which commands read profiles (completion and the
	 * docs rely on it): a command that does so unflagged is a bug. */
	if (!(cmd->flags & CLI_NEEDS_PROFILE)) {
		fprintf(stderr, "stickerkit %s: internal: opens a profile without "
		        "CLI_NEEDS_PROFILE\n", cmd->name);
		return EXIT_INTERNAL;
	}
	if (stk_profile_open(name, cli_profile_dirs(), out, &err) == STK_OK)
		return EXIT_OK;
	if (err.code != STK_ERR_PROFILE || is_file(name) || err.file[0])
		return cli_report(cmd, &err);
	/* A name no folder has: a usage mistake, like an unknown --format. */
	char *names[256];
	size_t n = stk_profile_list(cli_profile_dirs(), names, 256);
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = cli_distance(name, names[i]);
		bool prefix = strncmp(names[i], name, strlen(name)) == 0;
		if (prefix)
			d = 1;
		if (d < best_d) {
			best = names[i];
			best_d = d;
		}
	}
	if (best)
		cli_usage_error(cmd, "%s: %s (did you mean '%s'?)", what, err.msg, best);
	else
		cli_usage_error(cmd, "%s: %s", what, err.msg);
	stk_profile_names_free(names, n);
	return EXIT_USAGE;
}
