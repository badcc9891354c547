/* profile_list.c - the profile names a set of folders holds. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "profile_internal.h"

static bool listed(char **seen, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(seen[i], name) == 0)
			return true;
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t stk_profile_list(const char *const *dirs, char **names, size_t max)
{
	size_t n = 0;
	for (size_t d = 0; dirs && dirs[d]; d++) {
		DIR *dp = dirs[d][0] ? opendir(dirs[d]) : NULL;
		struct dirent *de;
		while (dp && (de = readdir(dp)) != NULL && n < max) {
			size_t len = strlen(de->d_name);
			if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 ||
			    de->d_name[0] == '.')
				continue;
			char *name = strndup(de->d_name, len - 5);
			if (name && !listed(names, n, name))
				names[n++] = name;
			else
				free(name);
		}
		if (dp)
			closedir(dp);
	}
	qsort(names, n, sizeof *names, by_name);
	return n;
}

void stk_profile_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
}
