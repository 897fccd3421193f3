// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * load.c - find a module's name, load it, unload it.
 *
 * The name comes from the "name=" entry of the .modinfo section (modpost
 * writes it), because that is what /proc/modules, delete_module() and
 * the module's /proc/tapc-<name>/ directory use.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "taprun.h"

/* Read the whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *size)
{
	struct stat sb;
	char *buf = NULL;
	size_t done = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !(buf = malloc(sb.st_size ? sb.st_size : 1)))
		goto fail;
	while (done < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + done, sb.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			goto fail;
		}
		done += n;
	}
	close(fd);
	*size = done;
	return buf;

fail:
	free(buf);
	close(fd);
	return NULL;
}

/* The "name=" value of .modinfo, or NULL. */
static const char *modinfo_name(const char *img, size_t size, size_t *len)
{
	const Elf64_Ehdr *eh = (const void *)img;
	const Elf64_Shdr *sh, *strsh;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof(*sh) || eh->e_shoff > size ||
	    (size - eh->e_shoff) / sizeof(*sh) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum)
		return NULL;
	sh = (const void *)(img + eh->e_shoff);
	strsh = &sh[eh->e_shstrndx];
	if (strsh->sh_offset > size || size - strsh->sh_offset < strsh->sh_size)
		return NULL;

	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		const char *p, *end;

		if (sh[i].sh_name >= strsh->sh_size ||
		    strncmp(img + strsh->sh_offset + sh[i].sh_name, ".modinfo",
			    strsh->sh_size - sh[i].sh_name) ||
		    sh[i].sh_offset > size ||
		    size - sh[i].sh_offset < sh[i].sh_size)
			continue;
		p = img + sh[i].sh_offset;
		end = p + sh[i].sh_size;
		while (p < end) {
			size_t n = strnlen(p, end - p);

			if (n > 5 && !strncmp(p, "name=", 5)) {
				*len = n - 5;
				return p + 5;
			}
			p += n + 1;
		}
	}
	return NULL;
}

int tap_module_name(const char *path, char *name, size_t size)
{
	size_t len = 0, img_size;
	char *img = read_file(path, &img_size);
	const char *p = NULL;

	if (!img) {
		fprintf(stderr, "taprun: cannot read %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	p = modinfo_name(img, img_size, &len);
	if (!p) {
		const char *base = strrchr(path, '/');

		p = base ? base + 1 : path;
		len = strlen(p);
		if (len > 3 && !strcmp(p + len - 3, ".ko"))
			len -= 3;
	}
	if (!len || len >= size) {
		fprintf(stderr, "taprun: %s: bad module name\n", path);
		free(img);
		return -1;
	}
	memcpy(name, p, len);
	name[len] = '\0';
	for (char *c = name; *c; c++)
		if (*c == '-')
			*c = '_';
	free(img);
	return 0;
}

int tap_load_module(const char *path, const char *params)
{
	size_t size;
	char *img;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	if (!syscall(SYS_finit_module, fd, params, 0)) {
		close(fd);
		return 0;
	}
	close(fd);
	if (errno != ENOSYS)
		return errno;

	/* finit_module is missing (or filtered): try the old call. */
	img = read_file(path, &size);
	if (!img)
		return errno;
	if (syscall(SYS_init_module, img, size, params)) {
		int err = errno;

		free(img);
		return err;
	}
	free(img);
	return 0;
}

int tap_unload_module(const char *name)
{
	const struct timespec pause = { 0, 50 * 1000 * 1000 };

	/* Busy (EAGAIN/EBUSY) only while someone still holds a reference;
	 * give it up to 10 s. */
	for (int i = 0; i < 200; i++) {
		if (!syscall(SYS_delete_module, name, O_NONBLOCK))
			return 0;
		if (errno != EAGAIN && errno != EBUSY && errno != EINTR)
			return errno;
		nanosleep(&pause, NULL);
	}
	return EBUSY;
}
