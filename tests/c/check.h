/* Minimal test helpers for the C tests: count checks, print "N passed, N failed". */
#ifndef COACHING_TEST_CHECK_H
#define COACHING_TEST_CHECK_H

#include <stdio.h>
#include <string.h>
#include "coaching.h"

static int passed, failed;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (cond) {                                                                      \
            passed++;                                                                    \
        } else {                                                                         \
            failed++;                                                                    \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);              \
        }                                                                                \
    } while (0)

#define EXPECT(code, call)                                                               \
    do {                                                                                 \
        CoachingResult r_ = (call);                                                      \
        if (r_ == (code)) {                                                              \
            passed++;                                                                    \
        } else {                                                                         \
            failed++;                                                                    \
            const char *m_ = coaching_last_error_message();                              \
            fprintf(stderr, "FAIL %s:%d: %s returned %d, expected %d (%s)\n", __FILE__,  \
                    __LINE__, #call, (int)r_, (int)(code), m_ ? m_ : "");                 \
        }                                                                                \
    } while (0)

#define OK(call) EXPECT(COACHING_RESULT_OK, call)

#define STREQ(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)

#define COACH COACHING_ACTOR_KIND_COACH
#define CLIENT COACHING_ACTOR_KIND_CLIENT

static int report(void) {
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif
