/* cli_help.c - what the command table says about itself: --help wrapped to
 * 80 columns, and --list-options for the completion scripts. */
#include <string.h>
#include "cli.h"

#define COLUMNS 80
#define LEFT 30 /* "  -x, --name ARG" column, then a space */

/* Prints text wrapped at word boundaries to COLUMNS, every line after the
 * first (and the first too when `at` is past the column) indented. */
void cli_wrap(FILE *out, const char *text, size_t indent, size_t at)
{
	while (*text) {
		size_t room = COLUMNS - indent, len = strlen(text);
		if (at > indent) {
			fprintf(out, "\n%*s", (int)indent, "");
			at = indent;
		}
		size_t cut = len;
		if (len > room) {
			cut = room;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = room;
		}
		fprintf(out, "%.*s", (int)cut, text);
		text += cut;
		while (*text == ' ')
			text++;
		if (*text)
			fprintf(out, "\n%*s", (int)indent, "");
	}
	fputc('\n', out);
}

static void print_row(FILE *out, char letter, const char *name, const char *arg,
                      const char *help)
{
	char left[96];
	if (letter)
		snprintf(left, sizeof left, "  -%c, --%s%s%s", letter, name, arg ? " " : "",
		         arg ? arg : "");
	else
		snprintf(left, sizeof left, "      --%s%s%s", name, arg ? " " : "", arg ? arg : "");
	size_t len = strlen(left);
	fprintf(out, "%-*s", LEFT - 1, left);
	fputc(len < LEFT - 1 ? ' ' : '\n', out);
	if (len >= LEFT - 1)
		fprintf(out, "%*s", LEFT, "");
	cli_wrap(out, help, LEFT, LEFT);
}

void cli_print_help(const struct cli_cmd *cmd, FILE *out)
{
	for (const char *const *u = cmd->usage; *u; u++)
		fprintf(out, "%s %s\n", u == cmd->usage ? "usage:" : "      ", *u);
	fputc('\n', out);
	cli_wrap(out, cmd->summary, 0, 0);
	fprintf(out, "\noptions:\n");
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		print_row(out, o->letter, o->name, o->type == CLI_FLAG ? NULL : o->arg, o->help);
	for (size_t i = 0; i < cli_ncommon; i++)
		print_row(out, cli_common_rows[i].letter, cli_common_rows[i].name, NULL,
		          cli_common_rows[i].help);
	print_row(out, 'h', "help", NULL, "show this help");
	fprintf(out, "\nSizes take units: 50k = 50000, 64Ki = 65536, 1MiB = 1048576.\n"
	             "See 'man stickerkit-%s' for details.\n", cmd->name);
}

static const char *kind(const struct cli_opt *o)
{
	switch (o->type) {
	case CLI_FLAG: return "flag";
	case CLI_FILE: return "file";
	case CLI_PROFILE: return "profile";
	case CLI_CHOICE: return "choice";
	case CLI_CALL: return o->takes_value ? "value" : "flag";
	default: return "value";
	}
}

static void list_row(FILE *out, const struct cli_opt *o)
{
	char letter[4] = "";
	if (o->letter)
		snprintf(letter, sizeof letter, "-%c", o->letter);
	fprintf(out, "--%s\t%s\t%s", o->name, letter, kind(o));
	if (o->type == CLI_CHOICE)
		for (int i = 0; o->choices[i]; i++)
			fprintf(out, "%c%s", i ? ',' : '\t', o->choices[i]);
	fputc('\n', out);
}

void cli_list_options(const struct cli_cmd *cmd, FILE *out)
{
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		list_row(out, o);
	for (size_t i = 0; i < cli_ncommon; i++)
		list_row(out, &cli_common_rows[i]);
	list_row(out, &(struct cli_opt){ .name = "help", .letter = 'h', .type = CLI_FLAG });
}
