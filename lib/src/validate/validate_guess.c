/*
 * validate_guess.c - which store a pack is for, from its own files, for
 * `validate` without --profile.  Only file names are looked at: cheap,
 * and never wrong about a file that is unreadable.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "validate_internal.h"

static bool ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), m = strlen(ext);
	return n >= m && strcasecmp(s + n - m, ext) == 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

static const char *guess_file(const char *name)
{
	if (strcmp(name, "contents.json") == 0 || ends_with(name, ".wastickers"))
		return "whatsapp";
	if (ends_with(name, ".tgs") || ends_with(name, ".webm"))
		return "telegram";
	return NULL;
}

struct seen {
	bool contents, wa_text, tgs, main, tab, signal;
};

static const char *guess_dir(const char *path)
{
	DIR *dp = opendir(path);
	struct seen s = { false, false, false, false, false, false };
	struct dirent *de;
	if (!dp)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		const char *n = de->d_name;
		s.contents |= strcmp(n, "contents.json") == 0;
		s.wa_text |= strcmp(n, "title.txt") == 0 || strcmp(n, "author.txt") == 0;
		s.tgs |= ends_with(n, ".tgs") || ends_with(n, ".webm");
		s.main |= strcasecmp(n, "main.png") == 0;
		s.tab |= strcasecmp(n, "tab.png") == 0;
		s.signal |= strcmp(n, "manifest.json") == 0;
	}
	closedir(dp);
	if (s.contents || s.wa_text)
		return "whatsapp";
	if (s.tgs)
		return "telegram";
	if (s.main && s.tab)
		return "line";
	if (s.signal)
		return "signal";
	return NULL;
}

const char *stk_validate_guess_profile(const char *path)
{
	struct stat st;
	if (!path)
		return NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return guess_dir(path);
	return guess_file(base_name(path));
}
