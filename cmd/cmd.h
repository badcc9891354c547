/* cmd.h - the subcommands: one file each, one row each in main.c's
 * command table (a `const struct cli_cmd cli_NAME` with its option rows
 * and its run function). */
#ifndef STK_CMD_H
#define STK_CMD_H

#include "cli.h"

extern const struct cli_cmd cli_build;
extern const struct cli_cmd cli_convert;
extern const struct cli_cmd cli_import;
extern const struct cli_cmd cli_info;
extern const struct cli_cmd cli_init;
extern const struct cli_cmd cli_package;
extern const struct cli_cmd cli_preview;
extern const struct cli_cmd cli_resize;
extern const struct cli_cmd cli_validate;

#endif
