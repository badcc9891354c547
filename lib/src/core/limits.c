/* limits.c - the caps of stk_limits.h that need code: entries, regular files. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "stk_limits.h"

uint32_t stk__limit_entries(const stk_decode_options *opt)
{
	return opt && opt->max_entries ? opt->max_entries : STK_DEFAULT_MAX_ENTRIES;
}

stk_status stk__fail_entries(stk_error *err, const char *what, const stk_decode_options *opt)
{
	return stk__fail(err, STK_ERR_LIMIT, "%s holds more than %u entries (see --max-entries)",
	                 what, stk__limit_entries(opt));
}

stk_status stk__json_precheck(const uint8_t *text, size_t len, uint64_t max_values,
                              const char *what, stk_error *err)
{
	uint64_t n = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = text[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if ((c == '{' || c == '[' || c == ',') && ++n > max_values) {
			return stk__fail(err, STK_ERR_LIMIT, "%s holds more than %llu values", what,
			                 (unsigned long long)max_values);
		}
	}
	return STK_OK;
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "is a folder, not a file";
	if (S_ISFIFO(m))
		return "is a FIFO, not a regular file";
	if (S_ISSOCK(m))
		return "is a socket, not a regular file";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "is a device, not a regular file";
	return "is not a regular file";
}

int stk__open_regular(const char *path, stk__open_mode mode, stk_error *err)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
	if (mode == STK__OPEN_ENTRY)
		flags |= O_NOFOLLOW;
	int fd = open(path, flags);
	if (fd < 0) {
		if (errno == ELOOP && mode == STK__OPEN_ENTRY)
			stk__fail(err, STK_ERR_IO, "is a symbolic link; entries of a folder are "
			          "read only as regular files");
		else
			stk__fail_errno(err, STK_ERR_IO, errno, "cannot open");
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		stk__fail_errno(err, STK_ERR_IO, errno, "cannot open");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		stk__fail(err, STK_ERR_IO, "%s", kind_of(st.st_mode));
		close(fd);
		return -1;
	}
	/* A regular file never blocks; reads go back to blocking semantics. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

stk_status stk__read_side_file(const char *path, stk_buf *out, stk_error *err)
{
	return stk__read_file_mode(path, STK_LIMIT_SIDE_FILE_BYTES, STK__OPEN_ENTRY, out, err);
}
