/*
 * folder_write.c - a list of entries (zip_write.c's) written as a folder
 * tree, all or nothing: the tree is staged in a hidden folder beside the
 * target and renamed into place, so a failure or a refusal leaves no
 * trace and nothing is ever written outside the target (entry names are
 * checked relative paths, and the stage is a fresh mkdtemp() folder).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pack_internal.h"

/* Removes a tree this process created: never follows a link. */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		while (d && (de = readdir(d)) != NULL) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			size_t n = strlen(path) + strlen(de->d_name) + 2;
			char *sub = malloc(n);
			if (!sub)
				break;
			snprintf(sub, n, "%s/%s", path, de->d_name);
			remove_tree(sub);
			free(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static stk_status make_parents(char *path, size_t root_len, stk_error *err)
{
	for (char *p = path + root_len + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		int r = mkdir(path, 0777);
		int e = errno;
		*p = '/';
		if (r != 0 && e != EEXIST)
			return stk__fail_errno(err, STK_ERR_WRITE, e, "cannot create a folder");
	}
	return STK_OK;
}

static stk_status write_one(const char *path, const uint8_t *data, size_t len, stk_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd < 0)
		return stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot create");
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return stk__fail_errno(err, STK_ERR_WRITE, e, "cannot write");
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0)
		return stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot write");
	return STK_OK;
}

static stk_status fill_stage(const stk__zip_out *z, const char *stage, stk_error *err)
{
	size_t root = strlen(stage);
	for (size_t i = 0; i < stk__zip_out_count(z); i++) {
		const uint8_t *data;
		size_t len;
		const char *name = stk__zip_out_entry(z, i, &data, &len);
		size_t n = root + strlen(name) + 2;
		char *path = malloc(n);
		if (!path)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		snprintf(path, n, "%s/%s", stage, name);
		stk_status s = make_parents(path, root, err);
		if (s == STK_OK)
			s = write_one(path, data, len, err);
		free(path);
		if (s != STK_OK)
			return s;
	}
	/* mkdtemp() made it 0700; a pack folder is for sharing. */
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(stage, 0777 & ~mask) != 0)
		return stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot set permissions");
	return STK_OK;
}

/* An empty folder may be taken over; anything else is the user's. */
static bool is_empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *de;
	bool empty = true;
	while (empty && (de = readdir(d)) != NULL)
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	closedir(d);
	return empty;
}

/* Puts stage at dir: an empty folder is replaced; with replace, so is a
 * full one (moved aside first, removed once the new one is in place). */
static stk_status swap_in(const char *stage, const char *dir, bool replace, stk_error *err)
{
	struct stat st;
	if (lstat(dir, &st) != 0)
		return rename(stage, dir) == 0 ? STK_OK
		       : stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot rename into place");
	if (!S_ISDIR(st.st_mode))
		return stk__fail(err, STK_ERR_WRITE, "is there already and is not a folder");
	if (is_empty_dir(dir)) {
		if (rmdir(dir) != 0 || rename(stage, dir) != 0)
			return stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot rename into place");
		return STK_OK;
	}
	if (!replace)
		return stk__fail(err, STK_ERR_WRITE, "is there already and is not empty");
	size_t n = strlen(dir) + 16;
	char *old = malloc(n);
	if (!old)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(old, n, "%s.old-XXXXXX", dir);
	stk_status s = STK_OK;
	if (!mkdtemp(old) || rename(dir, old) != 0)
		s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot move the old folder aside");
	else if (rename(stage, dir) != 0) {
		s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot rename into place");
		rename(old, dir);
	} else {
		remove_tree(old);
	}
	if (s != STK_OK)
		rmdir(old);
	free(old);
	return s;
}

stk_status stk__zip_out_write_folder_ex(const stk__zip_out *z, const char *dir, bool replace,
                                        stk_error *err)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t dirlen = n;
	while (dirlen > 0 && dir[dirlen - 1] != '/')
		dirlen--;
	char *target = strndup(dir, n), *stage = malloc(n + 24);
	if (!target || !stage) {
		free(target);
		free(stage);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	snprintf(stage, n + 24, "%.*s.%s.tmp-XXXXXX", (int)dirlen, target, target + dirlen);

	/* As stk_write_file_atomic(): an interrupt waits until the stage is
	 * renamed or removed. */
	sigset_t block, oldmask;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &oldmask);
	stk_status s = STK_OK;
	if (!mkdtemp(stage))
		s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot create a folder beside it");
	else {
		s = fill_stage(z, stage, err);
		if (s == STK_OK)
			s = swap_in(stage, target, replace, err);
		if (s != STK_OK)
			remove_tree(stage);
	}
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	if (s != STK_OK)
		stk__error_set_file(err, target);
	free(stage);
	free(target);
	return s;
}

stk_status stk__zip_out_write_folder(const stk__zip_out *z, const char *dir, stk_error *err)
{
	return stk__zip_out_write_folder_ex(z, dir, true, err);
}
