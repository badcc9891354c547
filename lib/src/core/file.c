/* file.c - reading inputs whole and writing outputs atomically. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "stk_limits.h"

static stk_status read_fd(int fd, const char *path, uint64_t max_bytes, stk_buf *out,
                          stk_error *err)
{
	size_t cap = 0;
	uint8_t chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return stk__fail_errno(err, STK_ERR_IO, errno, "cannot read");
		if (n == 0)
			return STK_OK;
		if (out->len + (uint64_t)n > max_bytes)
			return stk__fail(err, STK_ERR_LIMIT, "file is larger than %llu bytes",
			                 (unsigned long long)max_bytes);
		STK_TRY(stk__buf_append(out, &cap, chunk, (size_t)n, err));
	}
	(void)path;
}

stk_status stk__read_file_mode(const char *path, uint64_t max_bytes, stk__open_mode mode,
                               stk_buf *out, stk_error *err)
{
	struct stat st;
	int fd;
	out->data = NULL;
	out->len = 0;
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = stk__open_regular(path, mode, err);
		if (fd < 0) {
			stk__error_set_file(err, path);
			return err ? err->code : STK_ERR_IO;
		}
		if (fstat(fd, &st) == 0 && (uint64_t)st.st_size > max_bytes) {
			close(fd);
			stk__fail(err, STK_ERR_LIMIT, "file is %lld bytes, over the limit of %llu",
			          (long long)st.st_size, (unsigned long long)max_bytes);
			stk__error_set_file(err, path);
			return STK_ERR_LIMIT;
		}
	}
	stk_status s = read_fd(fd, path, max_bytes, out, err);
	if (fd != STDIN_FILENO)
		close(fd);
	if (s != STK_OK) {
		stk_buf_release(out);
		stk__error_set_file(err, path);
	}
	return s;
}

stk_status stk_read_file(const char *path, uint64_t max_bytes, stk_buf *out, stk_error *err)
{
	return stk__read_file_mode(path, max_bytes, STK__OPEN_NAMED, out, err);
}

static stk_status write_all(int fd, const uint8_t *p, size_t len, stk_error *err)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot write");
		p += n;
		len -= (size_t)n;
	}
	return STK_OK;
}

/*
 * Temporary file beside the target, so rename() is atomic (same file
 * system); it keeps the target's extension (".name.XXXXXX.zip") so a
 * check that goes by extension reads it as the target.  Signals that
 * would kill us are blocked between creating the temporary file and
 * renaming or removing it, so an interrupt never leaves a stray
 * temporary file behind: the signal is delivered afterwards.  Every
 * failure after mkstemps() removes the temporary file.
 */
static stk_status write_via_temp(const char *path, const void *data, size_t len,
                                 stk__file_check_fn check, void *user, bool replace,
                                 stk_error *err)
{
	if (strcmp(path, "-") == 0)
		return write_all(STDOUT_FILENO, data, len, err);

	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	const char *base = path + dirlen, *dot = strrchr(base, '.');
	int suffix = dot && dot != base ? (int)strlen(dot) : 0;
	size_t tmplen = strlen(path) + 16;
	char *tmp = malloc(tmplen);
	if (!tmp)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(tmp, tmplen, "%.*s.%.*s.XXXXXX%s", (int)dirlen, path,
	         (int)(strlen(base) - (size_t)suffix), base, base + strlen(base) - suffix);

	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &old);
	/* Past the file-size limit (ulimit -f) write() fails with EFBIG, an
	 * output error like any other, instead of SIGXFSZ killing us with the
	 * temporary file left behind. */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_xfsz;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGXFSZ, &ign, &old_xfsz);

	stk_status s = STK_OK;
	int fd = mkstemps(tmp, suffix);
	if (fd < 0) {
		s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot create a file beside it");
	} else {
		s = write_all(fd, data, len, err);
		/* Files are for sharing: the usual 0666 & ~umask, not mkstemp's 0600. */
		mode_t mask = umask(0);
		umask(mask);
		if (s == STK_OK && fchmod(fd, 0666 & ~mask) != 0)
			s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot set permissions");
		/* On disk before the rename makes it the output. */
		if (s == STK_OK && fsync(fd) != 0)
			s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot write");
		if (close(fd) != 0 && s == STK_OK)
			s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot write");
		bool checked = false;
		if (s == STK_OK && check) {
			s = check(user, tmp, err);
			checked = s != STK_OK;
		}
		if (s == STK_OK && replace && rename(tmp, path) != 0)
			s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot rename into place");
		/* No replacing: link() fails on an existing name, atomically. */
		if (s == STK_OK && !replace && link(tmp, path) != 0)
			s = errno == EEXIST ? stk__fail_errno(err, STK_ERR_WRITE, EEXIST, "exists")
			                    : stk__fail_errno(err, STK_ERR_WRITE, errno,
			                                      "cannot link into place");
		if (s != STK_OK || !replace)
			unlink(tmp);
		if (checked) { /* the check's error is about the target, not the temporary */
			sigaction(SIGXFSZ, &old_xfsz, NULL);
			sigprocmask(SIG_SETMASK, &old, NULL);
			free(tmp);
			return s;
		}
	}
	sigaction(SIGXFSZ, &old_xfsz, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(tmp);
	if (s != STK_OK)
		stk__error_set_file(err, path);
	return s;
}

stk_status stk_write_file_atomic(const char *path, const void *data, size_t len,
                                 stk_error *err)
{
	return write_via_temp(path, data, len, NULL, NULL, true, err);
}

stk_status stk__write_file_checked(const char *path, const void *data, size_t len,
                                   stk__file_check_fn check, void *user, stk_error *err)
{
	return write_via_temp(path, data, len, check, user, true, err);
}

stk_status stk_write_file_new(const char *path, const void *data, size_t len,
                              stk_error *err)
{
	return write_via_temp(path, data, len, NULL, NULL, false, err);
}

bool stk_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (!a || !b || !strcmp(a, "-") || !strcmp(b, "-"))
		return false;
	if (strcmp(a, b) == 0)
		return true;
	/* Another name for the same file: a hard link, "./x", a symlink. */
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void stk__dir_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

stk_status stk__dir_names(const char *dir, stk__dir_keep_fn keep, void *user, char ***names,
                          size_t *n, stk_error *err)
{
	*names = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open folder %s", dir);
	size_t cap = 0;
	stk_status s = STK_OK;
	struct dirent *de;
	while (s == STK_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (keep && !keep(user, dir, de->d_name)))
			continue;
		char **grown = stk__grow_array(*names, sizeof **names, *n + 1, &cap, 32);
		char *name = grown ? strdup(de->d_name) : NULL;
		if (grown)
			*names = grown;
		if (name)
			(*names)[(*n)++] = name;
		else
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	closedir(d);
	if (s != STK_OK) {
		stk__dir_names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return s;
	}
	if (*n)
		qsort(*names, *n, sizeof **names, by_string);
	return STK_OK;
}
