/* cli_completion.c - `stickerkit --completion bash|zsh|fish`: shell completion
 * scripts written from the command table, so every command, option and
 * choice a row declares completes; profile names are asked of the binary
 * itself (`validate --list-profiles`) when the user presses TAB.  Meson
 * runs this at build time and installs the three scripts. */
#include <string.h>
#include "cli.h"
#include "cli_completion.h"

static bool takes_value(const struct cli_opt *o)
{
	return o->type == CLI_CALL ? o->takes_value : o->type != CLI_FLAG;
}

/* The value is a store: complete with the profile names. */
static bool completes_profiles(const struct cli_opt *o)
{
	return o->type == CLI_PROFILE || o->profile_value;
}

/* Every row of a command, its own and the common ones, then NULL. */
static const struct cli_opt *nth(const struct cli_cmd *c, size_t i)
{
	size_t own = 0;
	while (c->opts && c->opts[own].name)
		own++;
	if (i < own)
		return &c->opts[i];
	return i - own < cli_ncommon ? &cli_common_rows[i - own] : NULL;
}

/* A short description: the help up to its first clause, without the
 * characters the shells' quoting would trip on. */
/* An option's choices, separated by spaces: every shell's word list. */
static void choice_words(FILE *out, const struct cli_opt *o)
{
	for (int k = 0; o->choices[k]; k++)
		fprintf(out, "%s%s", k ? " " : "", o->choices[k]);
}

static void describe(FILE *out, const char *help)
{
	for (const char *p = help; *p && *p != ';' && *p != '(' && *p != ':'; p++)
		if (!strchr("'\"[]`$\\", *p))
			fputc(*p, out);
}

static void bash_words(FILE *out, const struct cli_cmd *c)
{
	const struct cli_opt *o;
	for (size_t i = 0; (o = nth(c, i)) != NULL; i++) {
		fprintf(out, "%s--%s", i ? " " : "", o->name);
		if (o->letter)
			fprintf(out, " -%c", o->letter);
	}
	fprintf(out, " --help -h");
}

static void bash_names(FILE *out, const struct cli_opt *o)
{
	fprintf(out, "--%s", o->name);
	if (o->letter)
		fprintf(out, "|-%c", o->letter);
}

static void bash(FILE *out, const struct cli_cmd *const *cmds, size_t n)
{
	fprintf(out, "# bash completion for stickerkit, written by "
	             "'stickerkit --completion bash'\n"
	             "_stickerkit_profiles() {\n"
	             "\t\"$1\" validate --list-profiles 2>/dev/null | while read -r name _; do\n"
	             "\t\tprintf '%%s\\n' \"$name\"; done\n}\n\n"
	             "_stickerkit() {\n"
	             "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	             "\tlocal cmd= i kind= opts= files=0\n"
	             "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	             "\t\tcase ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac\n"
	             "\tdone\n"
	             "\tif [[ -z $cmd ]]; then\n"
	             "\t\tCOMPREPLY=($(compgen -W \"");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s ", cmds[i]->name);
	fprintf(out, "help --help --version\" -- \"$cur\"))\n\t\treturn\n\tfi\n"
	             "\tcase $cmd in\n");
	for (size_t i = 0; i < n; i++) {
		const struct cli_cmd *c = cmds[i];
		fprintf(out, "\t%s)\n\t\tfiles=%d\n\t\topts=\"", c->name,
		        (c->flags & CLI_TAKES_FILES) != 0);
		bash_words(out, c);
		fprintf(out, "\"\n\t\tcase $prev in\n");
		const struct cli_opt *o;
		for (size_t j = 0; (o = nth(c, j)) != NULL; j++) {
			if (!takes_value(o))
				continue;
			fprintf(out, "\t\t");
			bash_names(out, o);
			if (o->type == CLI_FILE)
				fprintf(out, ") kind=file ;;\n");
			else if (completes_profiles(o))
				fprintf(out, ") kind=profile ;;\n");
			else if (o->type == CLI_CHOICE) {
				fprintf(out, ") kind=choice; opts=\"");
				choice_words(out, o);
				fprintf(out, "\" ;;\n");
			} else
				fprintf(out, ") kind=value ;;\n");
		}
		fprintf(out, "\t\tesac ;;\n");
	}
	fprintf(out, "\t*) return ;;\n\tesac\n"
	             "\tcase $kind in\n"
	             "\tfile) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
	             "\tprofile)\n"
	             "\t\tCOMPREPLY=($(compgen -W \"$(_stickerkit_profiles \"${COMP_WORDS[0]}\")\" "
	             "-- \"$cur\") $(compgen -f -X '!*.json' -- \"$cur\"))\n\t\treturn ;;\n"
	             "\tchoice) COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return ;;\n"
	             "\tvalue) return ;;\n"
	             "\tesac\n"
	             "\tif [[ $cur == -* ]]; then\n"
	             "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	             "\telif [[ $files == 1 ]]; then\n"
	             "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	             "\tfi\n}\n"
	             "complete -o filenames -F _stickerkit stickerkit\n");
}

static void zsh_row(FILE *out, const struct cli_opt *o)
{
	fprintf(out, "\t\t\t'");
	if (o->letter)
		fprintf(out, "(-%c --%s)'{-%c,--%s}'", o->letter, o->name, o->letter, o->name);
	else
		fprintf(out, "--%s", o->name);
	fputc('[', out);
	describe(out, o->help ? o->help : "");
	fputc(']', out);
	if (o->type == CLI_FILE)
		fprintf(out, ":file:_files");
	else if (completes_profiles(o))
		fprintf(out, ":profile:_stickerkit_profiles");
	else if (o->type == CLI_CHOICE) {
		fprintf(out, ":value:(");
		choice_words(out, o);
		fputc(')', out);
	} else if (takes_value(o))
		fprintf(out, ":value: ");
	fprintf(out, "' \\\n");
}

static void zsh(FILE *out, const struct cli_cmd *const *cmds, size_t n)
{
	fprintf(out, "#compdef stickerkit\n"
	             "# zsh completion for stickerkit, written by 'stickerkit --completion zsh'\n\n"
	             "_stickerkit_profiles() {\n"
	             "\tlocal -a names\n"
	             "\tnames=(${(f)\"$(${words[1]} validate --list-profiles 2>/dev/null | "
	             "cut -d' ' -f1)\"})\n"
	             "\t_describe profile names\n\t_files -g '*.json'\n}\n\n"
	             "_stickerkit() {\n"
	             "\tlocal -a commands\n\tcommands=(\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "\t\t'%s:", cmds[i]->name);
		describe(out, cmds[i]->summary);
		fprintf(out, "'\n");
	}
	fprintf(out, "\t)\n"
	             "\tif (( CURRENT == 2 )); then\n"
	             "\t\t_describe command commands\n\t\treturn\n\tfi\n"
	             "\tlocal cmd=$words[2]\n"
	             "\tshift words; (( CURRENT-- ))\n"
	             "\tcase $cmd in\n");
	for (size_t i = 0; i < n; i++) {
		const struct cli_cmd *c = cmds[i];
		fprintf(out, "\t%s)\n\t\t_arguments -s \\\n", c->name);
		const struct cli_opt *o;
		for (size_t j = 0; (o = nth(c, j)) != NULL; j++)
			zsh_row(out, o);
		fprintf(out, "\t\t\t'(-h --help)'{-h,--help}'[show help]'%s ;;\n",
		        (c->flags & CLI_TAKES_FILES) ? " \\\n\t\t\t'*:file:_files'" : "");
	}
	fprintf(out, "\tesac\n}\n\n_stickerkit \"$@\"\n");
}

static void fish(FILE *out, const struct cli_cmd *const *cmds, size_t n)
{
	fprintf(out, "# fish completion for stickerkit, written by "
	             "'stickerkit --completion fish'\n"
	             "complete -c stickerkit -f\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "complete -c stickerkit -n __fish_use_subcommand -a %s -d '",
		        cmds[i]->name);
		describe(out, cmds[i]->summary);
		fprintf(out, "'\n");
	}
	for (size_t i = 0; i < n; i++) {
		const struct cli_cmd *c = cmds[i];
		const char *when = "-n '__fish_seen_subcommand_from";
		if (c->flags & CLI_TAKES_FILES)
			fprintf(out, "complete -c stickerkit %s %s' -F\n", when, c->name);
		const struct cli_opt *o;
		for (size_t j = 0; (o = nth(c, j)) != NULL; j++) {
			fprintf(out, "complete -c stickerkit %s %s' -l %s", when, c->name, o->name);
			if (o->letter)
				fprintf(out, " -s %c", o->letter);
			if (o->type == CLI_FILE)
				fprintf(out, " -r -F");
			else if (completes_profiles(o))
				fprintf(out, " -r -a '(stickerkit validate --list-profiles 2>/dev/null "
				             "| string replace -r \" .*\" \"\")'");
			else if (o->type == CLI_CHOICE) {
				fprintf(out, " -x -a '");
				choice_words(out, o);
				fputc('\'', out);
			} else if (takes_value(o))
				fprintf(out, " -x");
			fprintf(out, " -d '");
			describe(out, o->help ? o->help : "");
			fprintf(out, "'\n");
		}
	}
}

bool cli_completion(const char *shell, const struct cli_cmd *const *cmds, size_t n,
                    FILE *out)
{
	if (strcmp(shell, "bash") == 0)
		bash(out, cmds, n);
	else if (strcmp(shell, "zsh") == 0)
		zsh(out, cmds, n);
	else if (strcmp(shell, "fish") == 0)
		fish(out, cmds, n);
	else
		return false;
	return true;
}
