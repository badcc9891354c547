/*
 * main.c - `stickerkit COMMAND [ARGS]`: global options, the command table,
 * dispatch, and a last check that standard output was really written.
 */
#include <stdio.h>
#include <string.h>
#include "cmd.h"

static const struct command commands[] = { /* keep sorted */
	{ &cli_convert, cmd_convert },
	{ &cli_info, cmd_info },
	{ &cli_preview, cmd_preview },
	{ &cli_resize, cmd_resize },
	{ &cli_validate, cmd_validate },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_overview(FILE *out)
{
	fprintf(out, "usage: stickerkit [--version] [--help] COMMAND [ARGS]\n\n"
	             "Turns character artwork into sticker packs that messaging stores "
	             "accept.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].cli->name, commands[i].cli->summary);
	fprintf(out, "\nRun 'stickerkit COMMAND --help' or 'man stickerkit-COMMAND' for "
	             "details.\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].cli->name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Edit distance, for "did you mean" on a mistyped command. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t sub = diag + (a[i - 1] != b[j - 1]);
			size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
			row[j] = sub < best ? sub : best;
			diag = up;
		}
	}
	return row[lb];
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "stickerkit: '%s' is not a stickerkit command. See 'stickerkit --help'.\n",
	        name);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (distance(name, commands[i].cli->name) <= 2)
			fprintf(stderr, "The most similar command is '%s'.\n", commands[i].cli->name);
	return EXIT_USAGE;
}

static int help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--list-commands") == 0) {
		for (size_t i = 0; i < NCOMMANDS; i++)
			printf("%s\n", commands[i].cli->name);
		return EXIT_OK;
	}
	const struct command *c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	cli_print_help(c->cli, stdout);
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
	if (arg[0] == '-') {
		fprintf(stderr, "stickerkit: unknown option '%s'. See 'stickerkit --help'.\n", arg);
		return EXIT_USAGE;
	}
	const struct command *c = find_command(arg);
	if (!c)
		return unknown_command(arg);
	cli_reset();
	return c->fn(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	int status = run(argc, argv);
	/* A full disk or closed pipe on stdout must not pass as success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "stickerkit: cannot write to standard output\n");
		if (status == EXIT_OK)
			status = EXIT_OUTPUT;
	}
	return status;
}
