#!/bin/sh
# LOG_COMPILER of the compiled tests (the Check programs): runs the test as
# is, or under $VALGRIND when it is set (configure --enable-valgrind), where
# any error or definite/indirect leak makes the test fail (exit 99).
#
# Check forks a child per test by default; valgrind would then watch the
# children too but Check would only see their exit status, so under valgrind
# the tests run in one process (CK_FORK=no). The libtool wrapper, if the
# program is one, is run through `libtool --mode=execute` so that valgrind
# watches the real program, not the shell script in front of it.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"

if [ -z "$VALGRIND" ]; then
    exec "$@"
fi

CK_FORK=no
export CK_FORK
# glibc keeps some memory for the process's lifetime; valgrind's default
# suppressions cover it, and only definite and indirect leaks count.
set -- $VALGRIND --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --track-origins=yes "$@"
if [ -x "$top_builddir/libtool" ]; then
    exec "$top_builddir/libtool" --mode=execute "$@"
fi
exec "$@"
