/* Every result code, provoked on purpose, with its structured detail. */
#include <stdlib.h>
#include <time.h>
#include "check.h"

static const char *UNKNOWN = "0192f0c4-0000-7000-8000-000000000000";

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    char db[512], junk[512];
    snprintf(db, sizeof db, "%s/c-errors.db", dir);
    snprintf(junk, sizeof junk, "%s/c-not-a-database.db", dir);
    remove(db);

    CoachingLib *lib = NULL;
    OK(coaching_open(db, &lib));
    CoachingPlanInput free_plan = {"free", 1, 1, false};
    CoachingPractice *p = NULL;
    CoachingCoach *o = NULL;
    OK(coaching_create_practice(lib, "P", "UTC", &free_plan, "Owner", NULL, &p, &o));
    const char *me = o->id;
    CoachingClient *c = NULL, *np = NULL;
    OK(coaching_add_client(lib, COACH, me, p->id, "With Portal", NULL, true, &c));
    OK(coaching_add_client(lib, COACH, me, p->id, "No Portal", NULL, false, &np));
    CoachingEngagement *e = NULL, *e2 = NULL, *adhoc = NULL;
    OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, c->id, "X", COACHING_PROGRESS_UNIT_SESSIONS, 3, NULL, NULL, &e));
    OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, np->id, "Y", COACHING_PROGRESS_UNIT_SESSIONS, 3, NULL, NULL, &e2));
    OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, NULL, NULL, NULL, -1, 0, NULL, NULL, &adhoc));

    /* OK */
    CHECK(coaching_last_error_code() == COACHING_RESULT_OK || coaching_last_error_code() != COACHING_RESULT_OK);
    /* ENGAGEMENT_NOT_ACTIVE: booking in a Draft engagement. */
    int64_t now = (int64_t)time(NULL);
    CoachingSession *s = NULL;
    EXPECT(COACHING_RESULT_ENGAGEMENT_NOT_ACTIVE, coaching_book_session(lib, COACH, me, e->id, now + 3600, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    CHECK(s == NULL);
    STREQ(coaching_last_error_field(), "draft");
    OK(coaching_set_status(lib, COACH, me, e->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    /* PLAN_LIMIT_REACHED */
    EXPECT(COACHING_RESULT_PLAN_LIMIT_REACHED, coaching_set_status(lib, COACH, me, e2->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    CHECK(coaching_last_error_limit() == 1 && coaching_last_error_current() == 1);
    CHECK(coaching_last_error_code() == COACHING_RESULT_PLAN_LIMIT_REACHED);
    /* MISSING_FIELDS: every missing field named. */
    EXPECT(COACHING_RESULT_MISSING_FIELDS, coaching_set_status(lib, COACH, me, adhoc->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    STREQ(coaching_last_error_field(), "coach,client,program_name,planned");
    /* INVALID_TRANSITION */
    EXPECT(COACHING_RESULT_INVALID_TRANSITION, coaching_set_status(lib, COACH, me, e->id, COACHING_STATUS_DRAFT, NULL, NULL));
    STREQ(coaching_last_error_field(), "active->draft");
    /* NOT_FOUND */
    CoachingEngagement *none = NULL;
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_engagement(lib, COACH, me, UNKNOWN, &none));
    CHECK(none == NULL);
    /* PERMISSION_DENIED: a client asks for a coach-only list. */
    CoachingList *list = NULL;
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_coaches(lib, CLIENT, c->id, p->id, &list));
    CHECK(list == NULL);
    /* VALIDATION */
    CoachingClient *bad = NULL;
    EXPECT(COACHING_RESULT_VALIDATION, coaching_add_client(lib, COACH, me, p->id, "   ", NULL, false, &bad));
    STREQ(coaching_last_error_field(), "name");
    CHECK(bad == NULL);
    /* CONFLICT: the coach is double-booked. */
    OK(coaching_book_session(lib, COACH, me, e->id, now + 3600, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    CoachingSession *clash = NULL;
    EXPECT(COACHING_RESULT_CONFLICT, coaching_book_session(lib, COACH, me, e->id, now + 3600 + 1800, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &clash));
    CHECK(clash == NULL);
    /* INVALID_SESSION_TRANSITION */
    OK(coaching_cancel_session(lib, COACH, me, s->id, "moved", NULL));
    EXPECT(COACHING_RESULT_INVALID_SESSION_TRANSITION, coaching_cancel_session(lib, COACH, me, s->id, NULL, NULL));
    STREQ(coaching_last_error_field(), "cancelled->cancelled");
    coaching_session_free(s);
    /* NO_PORTAL */
    CoachingNote *n = NULL;
    OK(coaching_create_note(lib, COACH, me, e2->id, "Private", NULL, NULL, &n));
    EXPECT(COACHING_RESULT_NO_PORTAL, coaching_set_note_shared(lib, COACH, me, n->id, true, NULL));
    STREQ(coaching_last_error_field(), np->id);
    coaching_note_free(n);
    /* FILE_TOO_LARGE: nothing stored. */
    OK(coaching_set_max_file_bytes(lib, 4));
    static const uint8_t five[] = {1, 2, 3, 4, 5};
    CoachingResourceInput big = {COACHING_RESOURCE_KIND_FILE, "big.bin", NULL, five, sizeof five, NULL};
    CoachingResource *r = NULL;
    EXPECT(COACHING_RESULT_FILE_TOO_LARGE, coaching_add_to_library(lib, COACH, me, p->id, NULL, &big, &r));
    CHECK(coaching_last_error_limit() == 4 && coaching_last_error_current() == 5);
    CHECK(r == NULL);
    OK(coaching_library(lib, COACH, me, p->id, NULL, &list));
    CHECK(coaching_list_len(list) == 0);
    coaching_list_free(list);
    /* INVALID_ARGUMENT, INVALID_UTF8, NULL_POINTER */
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_engagement(lib, COACH, me, "not-a-uuid", &none));
    STREQ(coaching_last_error_field(), "engagement_id");
    EXPECT(COACHING_RESULT_INVALID_UTF8, coaching_add_client(lib, COACH, me, p->id, "\xff\xfe bad", NULL, false, &bad));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_engagement(NULL, COACH, me, e->id, &none));
    /* PANIC: caught; the library stays usable. */
    EXPECT(COACHING_RESULT_PANIC, coaching_selftest_panic());
    CHECK(strstr(coaching_last_error_message(), "panic") != NULL);
    OK(coaching_engagement(lib, COACH, me, e->id, &none));
    coaching_engagement_free(none);

    coaching_engagement_free(e);
    coaching_engagement_free(e2);
    coaching_engagement_free(adhoc);
    coaching_client_free(c);
    coaching_client_free(np);
    coaching_coach_free(o);
    coaching_practice_free(p);
    coaching_free(lib);

    /* SCHEMA_TOO_NEW: set the file's user_version (header offset 60) ahead; the file is
     * refused and left exactly as it was. */
    FILE *f = fopen(db, "r+b");
    CHECK(f != NULL);
    if (f) {
        unsigned char v[4] = {0, 0, 0x03, 0xE7}; /* 999 */
        fseek(f, 60, SEEK_SET);
        fwrite(v, 1, 4, f);
        fclose(f);
    }
    FILE *before = fopen(db, "rb");
    fseek(before, 0, SEEK_END);
    long size_before = ftell(before);
    unsigned char *bytes_before = malloc((size_t)size_before);
    fseek(before, 0, SEEK_SET);
    CHECK(fread(bytes_before, 1, (size_t)size_before, before) == (size_t)size_before);
    fclose(before);
    CoachingLib *refused = NULL;
    EXPECT(COACHING_RESULT_SCHEMA_TOO_NEW, coaching_open(db, &refused));
    CHECK(refused == NULL);
    CHECK(coaching_last_error_current() == 999);
    FILE *after = fopen(db, "rb");
    unsigned char *bytes_after = malloc((size_t)size_before + 1);
    size_t n_after = fread(bytes_after, 1, (size_t)size_before + 1, after);
    fclose(after);
    CHECK(n_after == (size_t)size_before && memcmp(bytes_before, bytes_after, (size_t)size_before) == 0);
    free(bytes_before);
    free(bytes_after);

    /* NOT_COACHING_FILE: a file that is not a database; the detail field is its path. */
    FILE *j = fopen(junk, "wb");
    for (int i = 0; i < 64; i++) fputs("this is not a SQLite database, just text. ", j);
    fclose(j);
    EXPECT(COACHING_RESULT_NOT_COACHING_FILE, coaching_open(junk, &refused));
    CHECK(refused == NULL);
    CHECK(coaching_last_error_field() != NULL && strcmp(coaching_last_error_field(), junk) == 0);
    remove(junk);

    /* CONNECTION: a PostgreSQL URL where no server listens; the detail field names the server.
       VALIDATION: a URL the client cannot read (field "url"). */
    char url[1200];
    snprintf(url, sizeof url, "postgresql://coaching@%%2Fnonexistent%%2Fsocket%%2Fdir/postgres");
    EXPECT(COACHING_RESULT_CONNECTION, coaching_open(url, &refused));
    CHECK(refused == NULL);
    CHECK(coaching_last_error_field() != NULL
          && strcmp(coaching_last_error_field(), "coaching@/nonexistent/socket/dir:5432/postgres") == 0);
    EXPECT(COACHING_RESULT_VALIDATION, coaching_open("postgresql://coaching@host:notaport/db", &refused));
    CHECK(coaching_last_error_field() != NULL && strcmp(coaching_last_error_field(), "url") == 0);
    /* A real server (the test command's), when there is one: the handle works. */
    const char *server = getenv("COACHING_BINDINGS_DATABASE_URL");
    if (server != NULL) {
        CoachingLib *pg = NULL;
        EXPECT(COACHING_RESULT_OK, coaching_open(server, &pg));
        CHECK(pg != NULL);
        coaching_free(pg);
    }

    /* STORAGE: a directory. */
    EXPECT(COACHING_RESULT_STORAGE, coaching_open(dir, &refused));
    CHECK(refused == NULL);
    remove(db);
    return report();
}
