#include "config.h"

#include "lscertlint.h"

const char *lsc_version(void) {
    return PACKAGE_VERSION;
}
