/*
 * main.c - `stickerkit COMMAND [ARGS]`: global options, the command table,
 * dispatch, and a last check that standard output was really written.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "cli_completion.h"

/* The command table: one row per command, kept sorted.  A new command
 * adds its `cli_NAME` (cmd.h) here; --help, --list-commands,
 * --list-options, the completion scripts and the man-page check follow. */
static const struct cli_cmd *const commands[] = {
	&cli_build,
	&cli_convert,
	&cli_import,
	&cli_info,
	&cli_init,
	&cli_package,
	&cli_preview,
	&cli_resize,
	&cli_validate,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_overview(FILE *out)
{
	fprintf(out, "usage: stickerkit [--version] [--help] COMMAND [ARGS]\n\n"
	             "Turns character artwork into sticker packs that messaging stores "
	             "accept.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
	{
		fprintf(out, "  %-10s ", commands[i]->name);
		cli_wrap(out, commands[i]->summary, 13, 13);
	}
	fprintf(out, "\nRun 'stickerkit COMMAND --help' or 'man stickerkit-COMMAND' for "
	             "details.\n");
}

static const struct cli_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "stickerkit: '%s' is not a stickerkit command. See 'stickerkit --help'.\n",
	        name);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (cli_distance(name, commands[i]->name) <= 2)
			fprintf(stderr, "The most similar command is '%s'.\n", commands[i]->name);
	return EXIT_USAGE;
}

static int list_commands(void)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("%s\n", commands[i]->name);
	return EXIT_OK;
}

/* `stickerkit --list-options COMMAND`: the rows, for completion scripts. */
static int list_options(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "stickerkit: --list-options needs a command\n");
		return EXIT_USAGE;
	}
	const struct cli_cmd *c = find_command(argv[2]);
	if (!c)
		return unknown_command(argv[2]);
	cli_list_options(c, stdout);
	return EXIT_OK;
}

/* `stickerkit --completion SHELL`: the script meson installs. */
static int completion(int argc, char **argv)
{
	if (argc < 3 || !cli_completion(argv[2], commands, NCOMMANDS, stdout)) {
		fprintf(stderr, "stickerkit: --completion wants bash, zsh or fish\n");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--list-commands") == 0)
		return list_commands();
	const struct cli_cmd *c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	cli_print_help(c, stdout);
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	const char *arg = argv[1];
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
		return help(1, argv);
	if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
		printf("stickerkit %s\n", stk_version());
		return EXIT_OK;
	}
	if (strcmp(arg, "help") == 0)
		return help(argc - 1, argv + 1);
	if (strcmp(arg, "--list-commands") == 0)
		return list_commands();
	if (strcmp(arg, "--list-options") == 0)
		return list_options(argc, argv);
	if (strcmp(arg, "--completion") == 0)
		return completion(argc, argv);
	if (arg[0] == '-') {
		fprintf(stderr, "stickerkit: unknown option '%s'. See 'stickerkit --help'.\n", arg);
		return EXIT_USAGE;
	}
	const struct cli_cmd *c = find_command(arg);
	if (!c)
		return unknown_command(arg);
	cli_current = c;
	return c->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	/* Past the file-size limit (ulimit -f) a write fails with EFBIG and is
	 * reported like any output error, instead of SIGXFSZ killing us. */
	signal(SIGXFSZ, SIG_IGN);
	int status = run(argc, argv);
	/* A full disk or closed pipe on stdout must not pass as success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "stickerkit: cannot write to standard output\n");
		if (status == EXIT_OK)
			status = EXIT_OUTPUT;
	}
	return status;
}
