/* cmd.h - the subcommands; one file each, listed in main.c's table. */
#ifndef STK_CMD_H
#define STK_CMD_H

#include "cli.h"

typedef int cmd_fn(int argc, char **argv);

struct command {
	const struct cli_cmd *cli;
	cmd_fn *fn;
};

extern const struct cli_cmd cli_convert;
int cmd_convert(int argc, char **argv);
extern const struct cli_cmd cli_info;
int cmd_info(int argc, char **argv);
extern const struct cli_cmd cli_preview;
int cmd_preview(int argc, char **argv);
extern const struct cli_cmd cli_resize;
int cmd_resize(int argc, char **argv);
extern const struct cli_cmd cli_validate;
int cmd_validate(int argc, char **argv);

#endif
