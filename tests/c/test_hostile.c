/* Hostile input: NULL everywhere, invalid UTF-8, unknown and wrong-kind ids, out-of-range
 * enums and instants, empty and 1 MB strings, a fresh handle after a close. Nothing crashes;
 * every call gets a result code; nothing leaks. */
#include <stdlib.h>
#include "check.h"

static const char *UNKNOWN = "0192f0c4-0000-7000-8000-000000000000";

int main(void) {
    /* NULL handles, NULL arguments, NULL out-parameters. */
    CoachingLib *lib = NULL;
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_open(NULL, &lib));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_open(":memory:", NULL));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_open_in_memory(NULL));
    CoachingList *list = NULL;
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_coaches(NULL, COACH, UNKNOWN, UNKNOWN, &list));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_delete_engagement(NULL, COACH, NULL, NULL));
    CoachingPractice *p = NULL;
    CoachingCoach *o = NULL;
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_create_practice(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
    coaching_free(NULL);
    coaching_list_free(NULL);
    coaching_engagement_free(NULL);
    coaching_bytes_free(NULL);
    coaching_string_free(NULL);
    CHECK(coaching_list_len(NULL) == 0);
    CHECK(coaching_list_note(NULL, 0) == NULL);

    OK(coaching_open_in_memory(&lib));
    CoachingPlanInput team = {"team", -1, 5, true};
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_create_practice(lib, "P", "UTC", NULL, "O", NULL, &p, &o));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_create_practice(lib, "P", "UTC", &team, "O", NULL, &p, NULL));
    CHECK(p == NULL); /* out-parameters untouched on error */
    OK(coaching_create_practice(lib, "P", "UTC", &team, "O", NULL, &p, &o));
    const char *me = o->id;
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_coaches(lib, COACH, NULL, p->id, &list));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_coaches(lib, COACH, me, NULL, &list));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_coaches(lib, COACH, me, p->id, NULL));
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_add_to_library(lib, COACH, me, p->id, NULL, NULL, NULL));

    /* Invalid UTF-8 in every kind of string. */
    const char *bad = "\xc3\x28 \xff";
    CoachingClient *c = NULL;
    EXPECT(COACHING_RESULT_INVALID_UTF8, coaching_add_client(lib, COACH, me, p->id, bad, NULL, true, &c));
    EXPECT(COACHING_RESULT_INVALID_UTF8, coaching_add_client(lib, COACH, me, p->id, "Ok", bad, true, &c));
    EXPECT(COACHING_RESULT_INVALID_UTF8, coaching_coaches(lib, COACH, bad, p->id, &list));
    EXPECT(COACHING_RESULT_INVALID_UTF8, coaching_open(bad, &lib));
    OK(coaching_add_client(lib, COACH, me, p->id, "Carla", NULL, true, &c));

    /* Malformed, empty, unknown and wrong-kind ids. */
    CoachingEngagement *e = NULL;
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_engagement(lib, COACH, me, "", &e));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_engagement(lib, COACH, me, "'; DROP TABLE engagements; --", &e));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_coaches(lib, COACH, "", p->id, &list));
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_engagement(lib, COACH, me, UNKNOWN, &e));
    /* An unknown actor is outside every practice: what it names does not exist for it. */
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_coaches(lib, COACH, UNKNOWN, p->id, &list));
    /* A client id where a coach id is expected, a practice id where an engagement id is. */
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_coaches(lib, COACH, c->id, p->id, &list));
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_engagement(lib, COACH, me, p->id, &e));
    OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, c->id, "X", COACHING_PROGRESS_UNIT_SESSIONS, 3, NULL, NULL, &e));
    CoachingNote *n = NULL;
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_note(lib, COACH, me, e->id, &n));
    EXPECT(COACHING_RESULT_NOT_FOUND, coaching_create_note(lib, COACH, me, c->id, "T", NULL, NULL, &n));

    /* Out-of-range enums, instants, dates, numbers. */
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_coaches(lib, 7, me, p->id, &list));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_coaches(lib, -1, me, p->id, &list));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_set_status(lib, COACH, me, e->id, 42, NULL, NULL));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_set_planned(lib, COACH, me, e->id, 9, 3, NULL));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_update_engagement(lib, COACH, me, e->id, NULL, NULL, "2026-02-30", NULL, 0, -1, -2, NULL));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_update_engagement(lib, COACH, me, e->id, NULL, NULL, NULL, NULL, 0, 5, -2, NULL));
    OK(coaching_set_status(lib, COACH, me, e->id, COACHING_STATUS_ACTIVE, NULL, NULL));
    CoachingSession *s = NULL;
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_book_session(lib, COACH, me, e->id, INT64_MAX, 0, NULL, COACHING_LOCATION_KIND_PHONE, "123", &s));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_book_session(lib, COACH, me, e->id, 1800000000, 0, NULL, 99, "123", &s));
    EXPECT(COACHING_RESULT_VALIDATION, coaching_book_session(lib, COACH, me, e->id, 1800000000, 1799999999, NULL, COACHING_LOCATION_KIND_PHONE, "123", &s));
    EXPECT(COACHING_RESULT_VALIDATION, coaching_book_session(lib, COACH, me, e->id, 1800000000, 0, NULL, COACHING_LOCATION_KIND_ZOOM, "javascript:alert(1)", &s));
    CHECK(s == NULL);
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_sessions(lib, COACH, me, e->id, 3, 0, 10, &list));
    EXPECT(COACHING_RESULT_VALIDATION, coaching_activity(lib, COACH, me, e->id, 0, 0, &list));
    CoachingPlanInput weird = {"x", -7, 1, false};
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_change_plan(lib, COACH, me, p->id, &weird, NULL));
    CoachingResourceInput no_data = {COACHING_RESOURCE_KIND_FILE, "f", NULL, NULL, 10, NULL};
    CoachingResource *r = NULL;
    EXPECT(COACHING_RESULT_NULL_POINTER, coaching_add_to_library(lib, COACH, me, p->id, NULL, &no_data, &r));
    CoachingResourceInput bad_kind = {12, "f", NULL, NULL, 0, NULL};
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_add_to_library(lib, COACH, me, p->id, NULL, &bad_kind, &r));

    /* Empty strings and 1 MB strings. */
    EXPECT(COACHING_RESULT_VALIDATION, coaching_add_client(lib, COACH, me, p->id, "", NULL, true, &c));
    size_t mb = 1024 * 1024;
    char *huge = malloc(mb + 1);
    memset(huge, 'a', mb);
    huge[mb] = '\0';
    CoachingClient *c2 = NULL;
    EXPECT(COACHING_RESULT_VALIDATION, coaching_add_client(lib, COACH, me, p->id, huge, NULL, true, &c2));
    EXPECT(COACHING_RESULT_VALIDATION, coaching_add_client(lib, COACH, me, p->id, "Ok", huge, true, &c2));
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_engagement(lib, COACH, me, huge, &e));
    /* A 1 MB note body is accepted (the limit is 1 MiB); one byte more is refused. */
    CoachingNote *big = NULL;
    OK(coaching_create_note(lib, COACH, me, e->id, "Big", huge, NULL, &big));
    CHECK(big != NULL && strlen(big->body_text) == mb);
    coaching_note_free(big);
    char *huger = malloc(mb + 2);
    memset(huger, 'b', mb + 1);
    huger[mb + 1] = '\0';
    EXPECT(COACHING_RESULT_VALIDATION, coaching_create_note(lib, COACH, me, e->id, "Bigger", huger, NULL, &big));
    STREQ(coaching_last_error_field(), "body_html");
    CoachingList *hits = NULL;
    OK(coaching_search_notes(lib, COACH, me, 0, e->id, huge, 0, 0, 0, 10, &hits));
    coaching_list_free(hits);
    free(huge);
    free(huger);

    /* Close, then a fresh handle on a file: works, and closing it is clean. */
    coaching_engagement_free(e);
    coaching_client_free(c);
    coaching_coach_free(o);
    coaching_practice_free(p);
    coaching_free(lib);
    lib = NULL;
    OK(coaching_open_in_memory(&lib));
    OK(coaching_create_practice(lib, "Again", "UTC", &team, "O", NULL, &p, &o));
    coaching_coach_free(o);
    coaching_practice_free(p);
    coaching_free(lib);
    return report();
}
