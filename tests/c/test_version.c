/* Built against an installed coaching (pkg-config only) by tests/c/test_install.sh: the
 * header's numeric version macros agree with its string and with the library loaded at run
 * time. */
#include <stdio.h>
#include <string.h>
#include <coaching.h>

int main(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", COACHING_VERSION_MAJOR, COACHING_VERSION_MINOR,
             COACHING_VERSION_PATCH);
    if (strcmp(expected, COACHING_VERSION) != 0) {
        fprintf(stderr, "macros say %s, COACHING_VERSION says %s\n", expected, COACHING_VERSION);
        return 1;
    }
    if (strcmp(coaching_version(), COACHING_VERSION) != 0) {
        fprintf(stderr, "header %s, library %s\n", COACHING_VERSION, coaching_version());
        return 1;
    }
#if COACHING_VERSION_MAJOR == 0 && COACHING_VERSION_MINOR < 1
#error "the version macros are not numbers the preprocessor can compare"
#endif
    printf("coaching %s: header and library agree\n", coaching_version());
    return 0;
}
