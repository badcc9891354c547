/* cli_completion.h - shell completion scripts from the command table. */
#ifndef STK_COMPLETION_H
#define STK_COMPLETION_H

#include <stdio.h>
#include "cli.h"

/* Writes the script for shell "bash", "zsh" or "fish"; false for another. */
bool cli_completion(const char *shell, const struct cli_cmd *const *cmds, size_t n,
                    FILE *out);

#endif
