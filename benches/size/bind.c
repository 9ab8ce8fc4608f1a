/*
 * The static_bind program in C, for scripts/bench-size to link statically
 * against musl: socket, bind 127.0.0.1:0, getsockname, write one line with
 * the port, exit; on failure, "static_bind: errno N" on stderr and exit 1.
 * Lines are built by hand, as examples/static_bind builds them, so that no
 * printf-family code is linked in.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Appends the decimal digits of n at p; returns the end. */
static char *put_decimal(char *p, unsigned n)
{
	char digits[10];
	int len = 0;

	do {
		digits[len++] = '0' + n % 10;
		n /= 10;
	} while (n);
	while (len)
		*p++ = digits[--len];
	return p;
}

/* Writes the len bytes at p to fd; returns -1 on failure. */
static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* Reports errno on stderr and returns 1, the exit status. */
static int fail(void)
{
	static const char prefix[] = "static_bind: errno ";
	char line[32], *p = line;

	memcpy(p, prefix, sizeof prefix - 1);
	p = put_decimal(p + sizeof prefix - 1, errno);
	*p++ = '\n';
	write_all(2, line, p - line);
	return 1;
}

int main(void)
{
	static const char prefix[] = "static_bind: bound ";
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof addr;
	char line[64], *p = line;
	const unsigned char *ip = (const unsigned char *)&addr.sin_addr;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 ||
	    getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
		return fail();

	memcpy(p, prefix, sizeof prefix - 1);
	p += sizeof prefix - 1;
	for (int i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p = put_decimal(p, ip[i]);
	}
	*p++ = ':';
	p = put_decimal(p, ntohs(addr.sin_port));
	*p++ = '\n';

	return write_all(1, line, p - line) ? fail() : 0;
}
