//! Every operation of `coaching-core`, as C functions. Each one: checks its pointers, reads
//! and validates its arguments (UTF-8, ids, enums, dates), calls the core, and writes its
//! out-parameters only on success. Actors are passed as `actor_kind` (a
//! `COACHING_ACTOR_KIND_*` value) and `actor_id`.

use std::ffi::{c_char, c_void};

use coaching_core::*;

use super::args::*;
use super::views::*;
use super::{guard, CoachingResult, FfiError};

/// The library handle: a store and a clock. Thread-safe: one handle may be used from many
/// threads at once.
pub struct CoachingLib(pub(crate) Coaching);

/// A plan, as input. Limits of -1 are unlimited.
#[repr(C)]
pub struct CoachingPlanInput {
    pub name: *const c_char,
    pub max_active_engagements: i64,
    pub max_coaches: i64,
    pub can_reassign: bool,
}

/// A folder, file or link to store, as input. `kind` is a `COACHING_RESOURCE_KIND_*` value;
/// files use `name`, `media_type` (NULL or "" for application/octet-stream), `data` and `len`;
/// links use `name` and `url`; folders use `name`.
#[repr(C)]
pub struct CoachingResourceInput {
    pub kind: i32,
    pub name: *const c_char,
    pub media_type: *const c_char,
    pub data: *const u8,
    pub len: usize,
    pub url: *const c_char,
}

type R = Result<(), FfiError>;

unsafe fn plan(p: *const CoachingPlanInput) -> Result<Plan, FfiError> {
    let p = p.as_ref().ok_or_else(|| null("plan"))?;
    let limit = |v: i64, name: &str| -> Result<Option<u32>, FfiError> {
        match v {
            -1 => Ok(None),
            v => u32::try_from(v)
                .map(Some)
                .map_err(|_| invalid(name, "use -1 for unlimited or a count")),
        }
    };
    Ok(Plan {
        name: text(p.name, "plan.name")?.to_string(),
        max_active_engagements: limit(p.max_active_engagements, "plan.max_active_engagements")?,
        max_coaches: limit(p.max_coaches, "plan.max_coaches")?,
        can_reassign: p.can_reassign,
    })
}

unsafe fn resource_input(p: *const CoachingResourceInput) -> Result<NewResource, FfiError> {
    let p = p.as_ref().ok_or_else(|| null("resource"))?;
    let name = text(p.name, "resource.name")?.to_string();
    Ok(match p.kind {
        0 => NewResource::Folder { name },
        1 => NewResource::File(NewFile {
            name,
            media_type: opt_text(p.media_type, "resource.media_type")?
                .unwrap_or_default()
                .to_string(),
            bytes: bytes(p.data, p.len, "resource.data")?.to_vec(),
        }),
        2 => NewResource::Link {
            name,
            url: text(p.url, "resource.url")?.to_string(),
        },
        other => {
            return Err(invalid(
                "resource.kind",
                format!("{other} is not a COACHING_RESOURCE_KIND value"),
            ))
        }
    })
}

fn unit(v: i32) -> Result<ProgressUnit, FfiError> {
    choice(v, &[ProgressUnit::Sessions, ProgressUnit::Hours], "unit")
}

fn planned(unit_v: i32, amount: u32) -> Result<Planned, FfiError> {
    Ok(Planned {
        unit: unit(unit_v)?,
        amount,
    })
}

/// -2 leaves the window, -1 removes it, anything else sets it.
fn tri_window(v: i64) -> Result<Option<Option<u32>>, FfiError> {
    match v {
        -2 => Ok(None),
        -1 => Ok(Some(None)),
        v => u32::try_from(v)
            .map(|w| Some(Some(w)))
            .map_err(|_| invalid("late_cancel_window_minutes", "out of range")),
    }
}

/// -1 leaves it, 0 is false, 1 is true.
fn tri_bool(v: i32, name: &str) -> Result<Option<bool>, FfiError> {
    match v {
        -1 => Ok(None),
        0 => Ok(Some(false)),
        1 => Ok(Some(true)),
        _ => Err(invalid(name, "use -1 (unchanged), 0 or 1")),
    }
}

fn page(offset: u32, limit: u32) -> Page {
    Page::new(offset, limit)
}

unsafe fn location(kind: i32, value: *const c_char) -> Result<Location, FfiError> {
    let v = text(value, "location_value")?;
    let name = ["phone", "in_person", "zoom", "skype", "other"];
    let k = choice(kind, &name, "location_kind")?;
    Location::from_parts(k, v).map_err(FfiError::from)
}

/// Writes the overview view of an engagement to `out` when `out` is not NULL.
unsafe fn engagement_out(
    lib: &Coaching,
    actor: Actor,
    id: EngagementId,
    out: *mut *mut CoachingEngagement,
) -> R {
    if !out.is_null() {
        let line = lib.engagement(actor, id)?;
        put(out, into_raw::<CoachingEngagement>(&line));
    }
    Ok(())
}

/// Writes an object to an out-parameter; builds nothing when the out-parameter is NULL
/// (optional outputs).
macro_rules! put_one {
    ($out:expr, $t:ty, $v:expr) => {
        if !$out.is_null() {
            put($out, into_raw::<$t>(&$v))
        }
    };
}

macro_rules! put_list {
    ($out:expr, $t:ty, $v:expr) => {
        if !$out.is_null() {
            put($out, list_raw::<$t>(&$v))
        }
    };
}

// ---------------------------------------------------------------- the library handle

/// Opens (or creates) the SQLite file at `path` and writes the handle to `out`. A file
/// written by a newer version fails with `COACHING_RESULT_SCHEMA_TOO_NEW` and is left as it
/// was. Release with `coaching_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_open(
    path: *const c_char,
    out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let lib = Coaching::open(text(path, "path")?)?;
        put(out, Box::into_raw(Box::new(CoachingLib(lib))));
        Ok(())
    })
}

/// A handle over a fresh in-memory store. Release with `coaching_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_open_in_memory(out: *mut *mut CoachingLib) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        put(
            out,
            Box::into_raw(Box::new(CoachingLib(Coaching::in_memory()))),
        );
        Ok(())
    })
}

/// Releases a handle (NULL is accepted). Other handles that came from it stay valid.
#[no_mangle]
pub unsafe extern "C" fn coaching_free(lib: *mut CoachingLib) {
    if !lib.is_null() {
        drop(Box::from_raw(lib));
    }
}

/// A clock that moves only when told to, for a host's tests. Release with `coaching_clock_free`
/// (a library opened on it keeps its own reference).
pub struct CoachingClock(ManualClock);

/// A manual clock standing at `start` (seconds since the Unix epoch).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_new(
    start: i64,
    out: *mut *mut CoachingClock,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let clock = ManualClock::new(instant(start, "start")?);
        put(out, Box::into_raw(Box::new(CoachingClock(clock))));
        Ok(())
    })
}

/// Moves the clock to `at` (seconds since the Unix epoch; backwards is allowed).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_set(
    clock: *const CoachingClock,
    at: i64,
) -> CoachingResult {
    guard(|| {
        let c = clock.as_ref().ok_or_else(|| super::args::null("clock"))?;
        c.0.set(instant(at, "at")?);
        Ok(())
    })
}

/// Moves the clock by `seconds` (negative: back).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_advance(
    clock: *const CoachingClock,
    seconds: i64,
) -> CoachingResult {
    guard(|| {
        let c = clock.as_ref().ok_or_else(|| super::args::null("clock"))?;
        let by = chrono::Duration::try_seconds(seconds)
            .ok_or_else(|| super::args::invalid("seconds", "out of range"))?;
        c.0.advance(by);
        Ok(())
    })
}

/// Releases a clock (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_free(clock: *mut CoachingClock) {
    if !clock.is_null() {
        drop(Box::from_raw(clock));
    }
}

/// Like `coaching_open`, on `clock` instead of the system clock.
#[no_mangle]
pub unsafe extern "C" fn coaching_open_with_clock(
    path: *const c_char,
    clock: *const CoachingClock,
    out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = clock.as_ref().ok_or_else(|| super::args::null("clock"))?;
        let lib = Coaching::with_clock(SqliteStore::open(text(path, "path")?)?, c.0.clone());
        put(out, Box::into_raw(Box::new(CoachingLib(lib))));
        Ok(())
    })
}

/// Like `coaching_open_in_memory`, on `clock` instead of the system clock.
#[no_mangle]
pub unsafe extern "C" fn coaching_open_in_memory_with_clock(
    clock: *const CoachingClock,
    out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = clock.as_ref().ok_or_else(|| super::args::null("clock"))?;
        let lib = Coaching::with_clock(MemoryStore::new(), c.0.clone());
        put(out, Box::into_raw(Box::new(CoachingLib(lib))));
        Ok(())
    })
}

/// The library clock's current time, in seconds since the Unix epoch.
#[no_mangle]
pub unsafe extern "C" fn coaching_now(lib: *const CoachingLib, out: *mut i64) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        put(out, super::args::lib(lib)?.now().timestamp());
        Ok(())
    })
}

/// The largest file uploads accept, in bytes.
#[no_mangle]
pub unsafe extern "C" fn coaching_max_file_bytes(
    lib: *const CoachingLib,
    out: *mut u64,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        put(out, super::args::lib(lib)?.max_file_bytes());
        Ok(())
    })
}

/// The body of a batch: called once with the library handle and the host's `user_data`.
/// Return `COACHING_RESULT_OK` to commit, any other code to roll everything back.
pub type CoachingBatchBody =
    Option<unsafe extern "C" fn(lib: *const CoachingLib, user_data: *mut c_void) -> CoachingResult>;

/// Runs `body` as one transaction: every call it makes with `lib` on this thread keeps its
/// rules and its own atomicity (a refused call changes nothing; the body may carry on), and
/// all of them commit together when `body` returns `COACHING_RESULT_OK`. Any other return
/// rolls everything back and is returned as it is, with the last error the body's failing call
/// recorded. Other threads' writes wait for the batch.
#[no_mangle]
pub unsafe extern "C" fn coaching_batch(
    lib: *const CoachingLib,
    body: CoachingBatchBody,
    user_data: *mut c_void,
) -> CoachingResult {
    let mut from_body = (CoachingResult::Ok, None);
    let code = guard(|| {
        let l = super::args::lib(lib)?;
        let body = body.ok_or_else(|| super::args::null("body"))?;
        l.batch(|_| {
            let code = body(lib, user_data);
            if code == CoachingResult::Ok {
                return Ok(());
            }
            from_body = (code, super::last_error());
            Err(Error::Storage {
                message: "the batch body failed: rolled back".into(),
            })
        })?;
        Ok(())
    });
    match from_body {
        (CoachingResult::Ok, _) => code,
        (body_code, Some(last)) if last.code == body_code => super::set_last(last),
        (body_code, _) => super::set_last(FfiError::new(
            body_code,
            "the batch body returned an error: everything it did was rolled back",
        )),
    }
}

/// Sets the largest file uploads accept, in bytes (default 25 MiB).
#[no_mangle]
pub unsafe extern "C" fn coaching_set_max_file_bytes(
    lib: *const CoachingLib,
    limit: u64,
) -> CoachingResult {
    guard(|| {
        super::args::lib(lib)?.set_max_file_bytes(limit);
        Ok(())
    })
}

// ---------------------------------------------------------------- practices and people

/// Signs a practice up with its owner. `owner_email` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_practice(
    lib: *const CoachingLib,
    name: *const c_char,
    time_zone: *const c_char,
    plan_in: *const CoachingPlanInput,
    owner_name: *const c_char,
    owner_email: *const c_char,
    out_practice: *mut *mut CoachingPractice,
    out_owner: *mut *mut CoachingCoach,
) -> CoachingResult {
    guard(|| {
        out_ptr(out_practice, "out_practice")?;
        out_ptr(out_owner, "out_owner")?;
        let (p, o) = super::args::lib(lib)?.create_practice(NewPractice {
            name: text(name, "name")?.into(),
            time_zone: text(time_zone, "time_zone")?.into(),
            plan: plan(plan_in)?,
            owner_name: text(owner_name, "owner_name")?.into(),
            owner_email: opt_text(owner_email, "owner_email")?.map(Into::into),
        })?;
        put_one!(out_practice, CoachingPractice, p);
        put_one!(out_owner, CoachingCoach, o);
        Ok(())
    })
}

/// A practice.
#[no_mangle]
pub unsafe extern "C" fn coaching_practice(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    out: *mut *mut CoachingPractice,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let p = super::args::lib(lib)?.practice(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
        )?;
        put_one!(out, CoachingPractice, p);
        Ok(())
    })
}

/// Moves the practice to another plan (owner only). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_change_plan(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    plan_in: *const CoachingPlanInput,
    out: *mut *mut CoachingPractice,
) -> CoachingResult {
    guard(|| {
        let p = super::args::lib(lib)?.change_plan(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            plan(plan_in)?,
        )?;
        put_one!(out, CoachingPractice, p);
        Ok(())
    })
}

/// Adds a coach (owner only). `email` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    name: *const c_char,
    email: *const c_char,
    out: *mut *mut CoachingCoach,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewCoach {
            name: text(name, "name")?.into(),
            email: opt_text(email, "email")?.map(Into::into),
        };
        let c = super::args::lib(lib)?.add_coach(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            new,
        )?;
        put_one!(out, CoachingCoach, c);
        Ok(())
    })
}

/// The practice's coaches (a list of `CoachingCoach`).
#[no_mangle]
pub unsafe extern "C" fn coaching_coaches(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.coaches(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
        )?;
        put_list!(out, CoachingCoach, v);
        Ok(())
    })
}

/// Adds a client. `email` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_client(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    name: *const c_char,
    email: *const c_char,
    has_portal: bool,
    out: *mut *mut CoachingClient,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewClient {
            name: text(name, "name")?.into(),
            email: opt_text(email, "email")?.map(Into::into),
            has_portal,
        };
        let c = super::args::lib(lib)?.add_client(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            new,
        )?;
        put_one!(out, CoachingClient, c);
        Ok(())
    })
}

/// Changes a client: `name` NULL leaves it; `email` NULL leaves it, "" removes it;
/// `has_portal` -1 leaves it, 0 or 1 sets it. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_client(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    client_id: *const c_char,
    name: *const c_char,
    email: *const c_char,
    has_portal: i32,
    out: *mut *mut CoachingClient,
) -> CoachingResult {
    guard(|| {
        let update = ClientUpdate {
            name: opt_text(name, "name")?.map(Into::into),
            email: tri_text(email, "email")?,
            has_portal: tri_bool(has_portal, "has_portal")?,
        };
        let c = super::args::lib(lib)?.update_client(
            actor(actor_kind, actor_id)?,
            id(client_id, "client_id")?,
            update,
        )?;
        put_one!(out, CoachingClient, c);
        Ok(())
    })
}

/// A client.
#[no_mangle]
pub unsafe extern "C" fn coaching_client(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    client_id: *const c_char,
    out: *mut *mut CoachingClient,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = super::args::lib(lib)?
            .client(actor(actor_kind, actor_id)?, id(client_id, "client_id")?)?;
        put_one!(out, CoachingClient, c);
        Ok(())
    })
}

/// The practice's clients (a list of `CoachingClient`).
#[no_mangle]
pub unsafe extern "C" fn coaching_clients(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.clients(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
        )?;
        put_list!(out, CoachingClient, v);
        Ok(())
    })
}

/// Creates a program. `unit` is a `COACHING_PROGRESS_UNIT_*` value; `planned` is sessions, or
/// minutes in hours mode; `late_cancel_window_minutes` -1 for none.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_program(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    name: *const c_char,
    unit_v: i32,
    planned_amount: u32,
    session_minutes: u32,
    no_show_counts: bool,
    late_cancel_window_minutes: i64,
    out: *mut *mut CoachingProgram,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewProgram {
            name: text(name, "name")?.into(),
            planned: planned(unit_v, planned_amount)?,
            session_minutes,
            no_show_counts,
            late_cancel_window_minutes: tri_window(late_cancel_window_minutes)?.flatten(),
        };
        let p = super::args::lib(lib)?.create_program(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            new,
        )?;
        put_one!(out, CoachingProgram, p);
        Ok(())
    })
}

/// Changes a program: `name` NULL leaves it; `unit` -1 leaves the planned total, else
/// `planned` sets it; `session_minutes` 0 leaves it; `no_show_counts` -1 leaves it;
/// `late_cancel_window_minutes` -2 leaves it, -1 removes it. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_program(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    program_id: *const c_char,
    name: *const c_char,
    unit_v: i32,
    planned_amount: u32,
    session_minutes: u32,
    no_show_counts: i32,
    late_cancel_window_minutes: i64,
    out: *mut *mut CoachingProgram,
) -> CoachingResult {
    guard(|| {
        let update = ProgramUpdate {
            name: opt_text(name, "name")?.map(Into::into),
            planned: if unit_v == -1 {
                None
            } else {
                Some(planned(unit_v, planned_amount)?)
            },
            session_minutes: (session_minutes != 0).then_some(session_minutes),
            no_show_counts: tri_bool(no_show_counts, "no_show_counts")?,
            late_cancel_window_minutes: tri_window(late_cancel_window_minutes)?,
        };
        let p = super::args::lib(lib)?.update_program(
            actor(actor_kind, actor_id)?,
            id(program_id, "program_id")?,
            update,
        )?;
        put_one!(out, CoachingProgram, p);
        Ok(())
    })
}

/// A program.
#[no_mangle]
pub unsafe extern "C" fn coaching_program(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    program_id: *const c_char,
    out: *mut *mut CoachingProgram,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let p = super::args::lib(lib)?
            .program(actor(actor_kind, actor_id)?, id(program_id, "program_id")?)?;
        put_one!(out, CoachingProgram, p);
        Ok(())
    })
}

/// The practice's programs (a list of `CoachingProgram`).
#[no_mangle]
pub unsafe extern "C" fn coaching_programs(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.programs(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
        )?;
        put_list!(out, CoachingProgram, v);
        Ok(())
    })
}

// ---------------------------------------------------------------- engagements

/// Creates a Draft engagement. Every id and name may be NULL. `unit` -1 with `planned` 0
/// takes the program's planned total (or none); dates are "YYYY-MM-DD" or NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    program_id: *const c_char,
    coach_id: *const c_char,
    client_id: *const c_char,
    program_name: *const c_char,
    unit_v: i32,
    planned_amount: u32,
    start_date: *const c_char,
    end_date: *const c_char,
    out: *mut *mut CoachingEngagement,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let lib = super::args::lib(lib)?;
        let a = actor(actor_kind, actor_id)?;
        let new = NewEngagement {
            program_id: opt_id(program_id, "program_id")?,
            coach_id: opt_id(coach_id, "coach_id")?,
            client_id: opt_id(client_id, "client_id")?,
            program_name: opt_text(program_name, "program_name")?.map(Into::into),
            planned: if unit_v == -1 && planned_amount == 0 {
                None
            } else {
                Some(planned(unit_v, planned_amount)?)
            },
            start_date: opt_date(start_date, "start_date")?,
            end_date: opt_date(end_date, "end_date")?,
        };
        let e = lib.create_engagement(a, id(practice_id, "practice_id")?, new)?;
        engagement_out(lib, a, e.id, out)
    })
}

/// Edits an engagement: `client_id` NULL leaves it; `program_name`, dates: NULL leaves, ""
/// clears; `session_minutes` 0 leaves; `no_show_counts` -1 leaves;
/// `late_cancel_window_minutes` -2 leaves, -1 removes. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    client_id: *const c_char,
    program_name: *const c_char,
    start_date: *const c_char,
    end_date: *const c_char,
    session_minutes: u32,
    no_show_counts: i32,
    late_cancel_window_minutes: i64,
    out: *mut *mut CoachingEngagement,
) -> CoachingResult {
    guard(|| {
        let lib = super::args::lib(lib)?;
        let a = actor(actor_kind, actor_id)?;
        let update = EngagementUpdate {
            client_id: opt_id(client_id, "client_id")?,
            program_name: tri_text(program_name, "program_name")?,
            start_date: tri_date(start_date, "start_date")?,
            end_date: tri_date(end_date, "end_date")?,
            session_minutes: (session_minutes != 0).then_some(session_minutes),
            no_show_counts: tri_bool(no_show_counts, "no_show_counts")?,
            late_cancel_window_minutes: tri_window(late_cancel_window_minutes)?,
        };
        let e = lib.update_engagement(a, id(engagement_id, "engagement_id")?, update)?;
        engagement_out(lib, a, e.id, out)
    })
}

/// Sets the planned total of one engagement. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_planned(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    unit_v: i32,
    amount: u32,
    out: *mut *mut CoachingEngagement,
) -> CoachingResult {
    guard(|| {
        let lib = super::args::lib(lib)?;
        let a = actor(actor_kind, actor_id)?;
        let e = lib.set_planned(
            a,
            id(engagement_id, "engagement_id")?,
            planned(unit_v, amount)?,
        )?;
        engagement_out(lib, a, e.id, out)
    })
}

/// Moves an engagement to `status` (a `COACHING_STATUS_*` value) by the status table.
/// `reason` (may be NULL) is logged, and kept on completion. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_status(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    status: i32,
    reason: *const c_char,
    out: *mut *mut CoachingEngagement,
) -> CoachingResult {
    guard(|| {
        let lib = super::args::lib(lib)?;
        let a = actor(actor_kind, actor_id)?;
        let to = choice(status, &Status::ALL, "status")?;
        let e = lib.set_status(
            a,
            id(engagement_id, "engagement_id")?,
            to,
            opt_text(reason, "reason")?,
        )?;
        engagement_out(lib, a, e.id, out)
    })
}

/// Assigns the engagement to another coach. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_reassign(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    coach_id: *const c_char,
    out: *mut *mut CoachingEngagement,
) -> CoachingResult {
    guard(|| {
        let lib = super::args::lib(lib)?;
        let a = actor(actor_kind, actor_id)?;
        let e = lib.reassign(
            a,
            id(engagement_id, "engagement_id")?,
            id(coach_id, "coach_id")?,
        )?;
        engagement_out(lib, a, e.id, out)
    })
}

/// Deletes an engagement and everything in it.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.delete_engagement(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?)
    })
}

/// One engagement with names, progress and phase.
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingEngagement,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let lib = super::args::lib(lib)?;
        engagement_out(
            lib,
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            out,
        )
    })
}

/// The overview of a coach's engagements (a list of `CoachingEngagement`).
#[no_mangle]
pub unsafe extern "C" fn coaching_overview_for_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    coach_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?
            .overview_for_coach(actor(actor_kind, actor_id)?, id(coach_id, "coach_id")?)?;
        put_list!(out, CoachingEngagement, v);
        Ok(())
    })
}
/// The overview of a client's engagements (a list of `CoachingEngagement`).
#[no_mangle]
pub unsafe extern "C" fn coaching_overview_for_client(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    client_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?
            .overview_for_client(actor(actor_kind, actor_id)?, id(client_id, "client_id")?)?;
        put_list!(out, CoachingEngagement, v);
        Ok(())
    })
}
/// The overview of the practice (a list of `CoachingEngagement`).
#[no_mangle]
pub unsafe extern "C" fn coaching_overview_for_practice(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.overview_for_practice(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
        )?;
        put_list!(out, CoachingEngagement, v);
        Ok(())
    })
}

/// An engagement's activity log, newest first (a list of `CoachingLogEntry`).
#[no_mangle]
pub unsafe extern "C" fn coaching_activity(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.activity(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            page(offset, limit),
        )?;
        put_list!(out, CoachingLogEntry, v);
        Ok(())
    })
}

/// The practice-wide log, newest first (a list of `CoachingLogEntry`; owner only).
#[no_mangle]
pub unsafe extern "C" fn coaching_practice_activity(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.practice_activity(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            page(offset, limit),
        )?;
        put_list!(out, CoachingLogEntry, v);
        Ok(())
    })
}

// ---------------------------------------------------------------- sessions

/// Books a session. `start`/`end` are seconds since the Unix epoch (`end` 0: the engagement's
/// session length); `time_zone` NULL: the practice's; `location_kind` a
/// `COACHING_LOCATION_KIND_*` value with its number, address, link or text.
#[no_mangle]
pub unsafe extern "C" fn coaching_book_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    start: i64,
    end: i64,
    time_zone: *const c_char,
    location_kind: i32,
    location_value: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewSession {
            start: instant(start, "start")?,
            end: if end == 0 {
                None
            } else {
                Some(instant(end, "end")?)
            },
            time_zone: opt_text(time_zone, "time_zone")?.map(Into::into),
            location: location(location_kind, location_value)?,
        };
        let s = super::args::lib(lib)?.book_session(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Books a series every `every_weeks` weeks: `count` sessions, or (with `count` 0) until
/// `until_date` ("YYYY-MM-DD"). All or nothing. A list of `CoachingSession`.
#[no_mangle]
pub unsafe extern "C" fn coaching_book_series(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    start: i64,
    end: i64,
    time_zone: *const c_char,
    location_kind: i32,
    location_value: *const c_char,
    every_weeks: u32,
    count: u32,
    until_date: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewSession {
            start: instant(start, "start")?,
            end: if end == 0 {
                None
            } else {
                Some(instant(end, "end")?)
            },
            time_zone: opt_text(time_zone, "time_zone")?.map(Into::into),
            location: location(location_kind, location_value)?,
        };
        let until = if count == 0 {
            SeriesEnd::Until(
                opt_date(until_date, "until_date")?
                    .ok_or_else(|| invalid("until_date", "give a count or an end date"))?,
            )
        } else {
            SeriesEnd::Count(count)
        };
        let v = super::args::lib(lib)?.book_series(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
            Recurrence {
                every_weeks,
                end: until,
            },
        )?;
        put_list!(out, CoachingSession, v);
        Ok(())
    })
}

/// One session.
#[no_mangle]
pub unsafe extern "C" fn coaching_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let s = super::args::lib(lib)?
            .session(actor(actor_kind, actor_id)?, id(session_id, "session_id")?)?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Moves a session to new times (`end` 0 keeps its length). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_reschedule_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    start: i64,
    end: i64,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let end = if end == 0 {
            None
        } else {
            Some(instant(end, "end")?)
        };
        let s = super::args::lib(lib)?.reschedule_session(
            actor(actor_kind, actor_id)?,
            id(session_id, "session_id")?,
            instant(start, "start")?,
            end,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Changes where a Scheduled session takes place. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_session_location(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    location_kind: i32,
    location_value: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = super::args::lib(lib)?.set_session_location(
            actor(actor_kind, actor_id)?,
            id(session_id, "session_id")?,
            location(location_kind, location_value)?,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Marks a session held (may complete the engagement). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_complete_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = super::args::lib(lib)?
            .complete_session(actor(actor_kind, actor_id)?, id(session_id, "session_id")?)?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}
/// Marks the client absent. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_mark_no_show(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = super::args::lib(lib)?
            .mark_no_show(actor(actor_kind, actor_id)?, id(session_id, "session_id")?)?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Cancels a session with an optional reason (late if the client cancels inside the window).
/// `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_cancel_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    reason: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = super::args::lib(lib)?.cancel_session(
            actor(actor_kind, actor_id)?,
            id(session_id, "session_id")?,
            opt_text(reason, "reason")?,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// An engagement's sessions: `range` 0 upcoming (soonest first), 1 past (latest first). A
/// list of `CoachingSession`.
#[no_mangle]
pub unsafe extern "C" fn coaching_sessions(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    range: i32,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let r = choice(
            range,
            &[SessionRange::Upcoming, SessionRange::Past],
            "range",
        )?;
        let v = super::args::lib(lib)?.sessions(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            r,
            page(offset, limit),
        )?;
        put_list!(out, CoachingSession, v);
        Ok(())
    })
}

/// A coach's Scheduled sessions starting in [from, to) (a list of `CoachingSessionLine`).
#[no_mangle]
pub unsafe extern "C" fn coaching_upcoming_sessions_for_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    coach_id: *const c_char,
    from: i64,
    to: i64,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.upcoming_sessions_for_coach(
            actor(actor_kind, actor_id)?,
            id(coach_id, "coach_id")?,
            instant(from, "from")?,
            instant(to, "to")?,
        )?;
        put_list!(out, CoachingSessionLine, v);
        Ok(())
    })
}
/// A client's Scheduled sessions starting in [from, to) (a list of `CoachingSessionLine`).
#[no_mangle]
pub unsafe extern "C" fn coaching_upcoming_sessions_for_client(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    client_id: *const c_char,
    from: i64,
    to: i64,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.upcoming_sessions_for_client(
            actor(actor_kind, actor_id)?,
            id(client_id, "client_id")?,
            instant(from, "from")?,
            instant(to, "to")?,
        )?;
        put_list!(out, CoachingSessionLine, v);
        Ok(())
    })
}

/// A coach's sessions in [from, to) as iCalendar text; free with `coaching_string_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_export_ics_for_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    coach_id: *const c_char,
    from: i64,
    to: i64,
    out: *mut *mut c_char,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let s = super::args::lib(lib)?.export_ics_for_coach(
            actor(actor_kind, actor_id)?,
            id(coach_id, "coach_id")?,
            instant(from, "from")?,
            instant(to, "to")?,
        )?;
        put(out, string_raw(&s));
        Ok(())
    })
}

/// An engagement's sessions as iCalendar text; free with `coaching_string_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_export_ics_for_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut c_char,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let s = super::args::lib(lib)?.export_ics_for_engagement(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put(out, string_raw(&s));
        Ok(())
    })
}

// ---------------------------------------------------------------- notes

/// Creates a private note. `body_html` may be NULL (empty); `template_id` (NULL for none) is
/// an HTML or text file of the practice library.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_note(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    title: *const c_char,
    body_html: *const c_char,
    template_id: *const c_char,
    out: *mut *mut CoachingNote,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewNote {
            title: text(title, "title")?.into(),
            body_html: opt_text(body_html, "body_html")?.unwrap_or_default().into(),
            template: opt_id(template_id, "template_id")?,
        };
        let n = super::args::lib(lib)?.create_note(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
        )?;
        put_one!(out, CoachingNote, n);
        Ok(())
    })
}

/// Edits a note; NULL leaves a field. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_note(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    note_id: *const c_char,
    title: *const c_char,
    body_html: *const c_char,
    out: *mut *mut CoachingNote,
) -> CoachingResult {
    guard(|| {
        let update = NoteUpdate {
            title: opt_text(title, "title")?.map(Into::into),
            body_html: opt_text(body_html, "body_html")?.map(Into::into),
        };
        let n = super::args::lib(lib)?.update_note(
            actor(actor_kind, actor_id)?,
            id(note_id, "note_id")?,
            update,
        )?;
        put_one!(out, CoachingNote, n);
        Ok(())
    })
}

/// Shares a note with the client, or stops sharing it. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_note_shared(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    note_id: *const c_char,
    shared: bool,
    out: *mut *mut CoachingNote,
) -> CoachingResult {
    guard(|| {
        let n = super::args::lib(lib)?.set_note_shared(
            actor(actor_kind, actor_id)?,
            id(note_id, "note_id")?,
            shared,
        )?;
        put_one!(out, CoachingNote, n);
        Ok(())
    })
}

/// Moves a note to `index`; `out` (may be NULL) gets the new order (a list of `CoachingNote`).
#[no_mangle]
pub unsafe extern "C" fn coaching_move_note(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    note_id: *const c_char,
    index: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        let v = super::args::lib(lib)?.move_note(
            actor(actor_kind, actor_id)?,
            id(note_id, "note_id")?,
            index,
        )?;
        put_list!(out, CoachingNote, v);
        Ok(())
    })
}

/// Deletes a note and its comments.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_note(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    note_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?
            .delete_note(actor(actor_kind, actor_id)?, id(note_id, "note_id")?)?)
    })
}

/// One note.
#[no_mangle]
pub unsafe extern "C" fn coaching_note(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    note_id: *const c_char,
    out: *mut *mut CoachingNote,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let n =
            super::args::lib(lib)?.note(actor(actor_kind, actor_id)?, id(note_id, "note_id")?)?;
        put_one!(out, CoachingNote, n);
        Ok(())
    })
}

/// An engagement's notes in order (a list of `CoachingNote`).
#[no_mangle]
pub unsafe extern "C" fn coaching_notes(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.notes(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put_list!(out, CoachingNote, v);
        Ok(())
    })
}

/// Searches notes. `scope_kind` 0: the engagement `scope_id`; 1: the client `scope_id`; 2: the
/// practice `scope_id`. `keywords` may be NULL; `edited_from`/`edited_to` are seconds since
/// the epoch, 0 for no bound. A list of `CoachingNoteHit`.
#[no_mangle]
pub unsafe extern "C" fn coaching_search_notes(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    scope_kind: i32,
    scope_id: *const c_char,
    keywords: *const c_char,
    edited_from: i64,
    edited_to: i64,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let scope = match scope_kind {
            0 => NoteScope::Engagement(id(scope_id, "scope_id")?),
            1 => NoteScope::Client(id(scope_id, "scope_id")?),
            2 => NoteScope::Practice(id(scope_id, "scope_id")?),
            other => return Err(invalid("scope_kind", format!("{other} is out of range"))),
        };
        let bound = |v: i64, name: &str| {
            if v == 0 {
                Ok(None)
            } else {
                instant(v, name).map(Some)
            }
        };
        let query = NoteQuery {
            keywords: opt_text(keywords, "keywords")?.map(Into::into),
            edited_from: bound(edited_from, "edited_from")?,
            edited_to: bound(edited_to, "edited_to")?,
            page: page(offset, limit),
        };
        let v = super::args::lib(lib)?.search_notes(actor(actor_kind, actor_id)?, scope, query)?;
        put_list!(out, CoachingNoteHit, v);
        Ok(())
    })
}

/// Every note of a client across engagements, most recently edited first (a list of
/// `CoachingNote`).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_notes(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    client_id: *const c_char,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.client_notes(
            actor(actor_kind, actor_id)?,
            id(client_id, "client_id")?,
            page(offset, limit),
        )?;
        put_list!(out, CoachingNote, v);
        Ok(())
    })
}

// ---------------------------------------------------------------- goals

fn goal_with(g: Goal) -> GoalWithMilestones {
    GoalWithMilestones {
        goal: g,
        milestones: Vec::new(),
    }
}

/// Creates a goal. `description` and `due_date` may be NULL. The returned goal has no
/// milestones yet.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_goal(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingGoal,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewGoal {
            name: text(name, "name")?.into(),
            description: opt_text(description, "description")?.map(Into::into),
            due_date: opt_date(due_date, "due_date")?,
        };
        let g = super::args::lib(lib)?.create_goal(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
        )?;
        put_one!(out, CoachingGoal, goal_with(g));
        Ok(())
    })
}

/// Edits a goal: `name` NULL leaves it; `description`, `due_date` NULL leave, "" clear.
/// `out` (may be NULL) gets the goal without its milestones.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_goal(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingGoal,
) -> CoachingResult {
    guard(|| {
        let input = GoalInput {
            name: opt_text(name, "name")?.map(Into::into),
            description: tri_text(description, "description")?,
            due_date: tri_date(due_date, "due_date")?,
        };
        let g = super::args::lib(lib)?.update_goal(
            actor(actor_kind, actor_id)?,
            id(goal_id, "goal_id")?,
            input,
        )?;
        put_one!(out, CoachingGoal, goal_with(g));
        Ok(())
    })
}

/// Sets a goal's status (a `COACHING_GOAL_STATUS_*` value). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_goal_status(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
    status: i32,
    out: *mut *mut CoachingGoal,
) -> CoachingResult {
    guard(|| {
        let st = choice(
            status,
            &[GoalStatus::Active, GoalStatus::Completed],
            "status",
        )?;
        let g = super::args::lib(lib)?.set_goal_status(
            actor(actor_kind, actor_id)?,
            id(goal_id, "goal_id")?,
            st,
        )?;
        put_one!(out, CoachingGoal, goal_with(g));
        Ok(())
    })
}

/// Deletes a goal with its milestones.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_goal(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?
            .delete_goal(actor(actor_kind, actor_id)?, id(goal_id, "goal_id")?)?)
    })
}

/// An engagement's goals with their milestones (a list of `CoachingGoal`).
#[no_mangle]
pub unsafe extern "C" fn coaching_goals(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.goals(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put_list!(out, CoachingGoal, v);
        Ok(())
    })
}

/// Adds a milestone to a goal. `due_date` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
    name: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let m = super::args::lib(lib)?.add_milestone(
            actor(actor_kind, actor_id)?,
            id(goal_id, "goal_id")?,
            text(name, "name")?,
            opt_date(due_date, "due_date")?,
        )?;
        put_one!(out, CoachingMilestone, m);
        Ok(())
    })
}

/// Edits a milestone: `name` NULL leaves it; `due_date` NULL leaves, "" clears. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
    name: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    guard(|| {
        let input = GoalInput {
            name: opt_text(name, "name")?.map(Into::into),
            description: None,
            due_date: tri_date(due_date, "due_date")?,
        };
        let m = super::args::lib(lib)?.update_milestone(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
            input,
        )?;
        put_one!(out, CoachingMilestone, m);
        Ok(())
    })
}

/// Ticks a milestone done, or not. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_milestone_done(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
    done: bool,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    guard(|| {
        let m = super::args::lib(lib)?.set_milestone_done(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
            done,
        )?;
        put_one!(out, CoachingMilestone, m);
        Ok(())
    })
}

/// Moves a milestone to `index`; `out` (may be NULL) gets the goal's new order.
#[no_mangle]
pub unsafe extern "C" fn coaching_move_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
    index: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        let v = super::args::lib(lib)?.move_milestone(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
            index,
        )?;
        put_list!(out, CoachingMilestone, v);
        Ok(())
    })
}

/// Deletes a milestone.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.delete_milestone(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
        )?)
    })
}

// ---------------------------------------------------------------- assignments

fn assignment_with(a: Assignment) -> AssignmentWithFiles {
    AssignmentWithFiles {
        assignment: a,
        files: Vec::new(),
    }
}

/// Creates an assignment. `description` and `due_date` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_assignment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let input = AssignmentInput {
            name: Some(text(name, "name")?.into()),
            description: Some(opt_text(description, "description")?.map(Into::into)),
            due_date: Some(opt_date(due_date, "due_date")?),
        };
        let a = super::args::lib(lib)?.create_assignment(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            input,
        )?;
        put_one!(out, CoachingAssignment, assignment_with(a));
        Ok(())
    })
}

/// Edits an assignment: `name` NULL leaves it; `description`, `due_date` NULL leave, ""
/// clear. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_assignment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    guard(|| {
        let input = AssignmentInput {
            name: opt_text(name, "name")?.map(Into::into),
            description: tri_text(description, "description")?,
            due_date: tri_date(due_date, "due_date")?,
        };
        let a = super::args::lib(lib)?.update_assignment(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            input,
        )?;
        put_one!(out, CoachingAssignment, assignment_with(a));
        Ok(())
    })
}

/// Sets an assignment's status (a `COACHING_ASSIGNMENT_STATUS_*` value). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_assignment_status(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    status: i32,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    guard(|| {
        let st = choice(
            status,
            &[AssignmentStatus::Open, AssignmentStatus::Completed],
            "status",
        )?;
        let a = super::args::lib(lib)?.set_assignment_status(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            st,
        )?;
        put_one!(out, CoachingAssignment, assignment_with(a));
        Ok(())
    })
}

/// Deletes an assignment.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_assignment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.delete_assignment(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
        )?)
    })
}

/// Attaches a library file or link to an assignment with an optional message.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_assignment_file_from_library(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    resource_id: *const c_char,
    message: *const c_char,
    out: *mut *mut CoachingAssignmentFile,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let src = AssignmentFileSource::Library(id(resource_id, "resource_id")?);
        let f = super::args::lib(lib)?.add_assignment_file(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            src,
            opt_text(message, "message")?,
        )?;
        put_one!(out, CoachingAssignmentFile, f);
        Ok(())
    })
}

/// Uploads a file (or link) and attaches it to an assignment with an optional message.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_assignment_file_upload(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    resource: *const CoachingResourceInput,
    message: *const c_char,
    out: *mut *mut CoachingAssignmentFile,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let src = AssignmentFileSource::Upload(resource_input(resource)?);
        let f = super::args::lib(lib)?.add_assignment_file(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            src,
            opt_text(message, "message")?,
        )?;
        put_one!(out, CoachingAssignmentFile, f);
        Ok(())
    })
}

/// Detaches a file from an assignment.
#[no_mangle]
pub unsafe extern "C" fn coaching_remove_assignment_file(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    file_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?
            .remove_assignment_file(actor(actor_kind, actor_id)?, id(file_id, "file_id")?)?)
    })
}

/// An engagement's assignments with their files (a list of `CoachingAssignment`).
#[no_mangle]
pub unsafe extern "C" fn coaching_assignments(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.assignments(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put_list!(out, CoachingAssignment, v);
        Ok(())
    })
}

// ---------------------------------------------------------------- resources

/// Adds a folder, file or link to the practice library (`parent_id` NULL: the top).
#[no_mangle]
pub unsafe extern "C" fn coaching_add_to_library(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    parent_id: *const c_char,
    resource: *const CoachingResourceInput,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let r = super::args::lib(lib)?.add_to_library(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            opt_id(parent_id, "parent_id")?,
            resource_input(resource)?,
        )?;
        put_one!(out, CoachingResource, r);
        Ok(())
    })
}

/// The practice library's items in `parent_id` (NULL: the top). A list of `CoachingResource`.
#[no_mangle]
pub unsafe extern "C" fn coaching_library(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    practice_id: *const c_char,
    parent_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.library(
            actor(actor_kind, actor_id)?,
            id(practice_id, "practice_id")?,
            opt_id(parent_id, "parent_id")?,
        )?;
        put_list!(out, CoachingResource, v);
        Ok(())
    })
}

/// Adds to the acting client's own library.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_to_client_library(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    parent_id: *const c_char,
    resource: *const CoachingResourceInput,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let r = super::args::lib(lib)?.add_to_client_library(
            actor(actor_kind, actor_id)?,
            opt_id(parent_id, "parent_id")?,
            resource_input(resource)?,
        )?;
        put_one!(out, CoachingResource, r);
        Ok(())
    })
}

/// The acting client's own library (a list of `CoachingResource`).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_library(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    parent_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.client_library(
            actor(actor_kind, actor_id)?,
            opt_id(parent_id, "parent_id")?,
        )?;
        put_list!(out, CoachingResource, v);
        Ok(())
    })
}

/// Shares a library file, link or folder into an engagement.
#[no_mangle]
pub unsafe extern "C" fn coaching_share_resource(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    resource_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.share_resource(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            id(resource_id, "resource_id")?,
        )?)
    })
}

/// Stops sharing a library item into an engagement.
#[no_mangle]
pub unsafe extern "C" fn coaching_unshare_resource(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    resource_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.unshare_resource(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            id(resource_id, "resource_id")?,
        )?)
    })
}

/// Uploads a file or link into an engagement.
#[no_mangle]
pub unsafe extern "C" fn coaching_upload_to_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    resource: *const CoachingResourceInput,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let r = super::args::lib(lib)?.upload_to_engagement(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            resource_input(resource)?,
        )?;
        put_one!(out, CoachingResource, r);
        Ok(())
    })
}

/// A client shares their upload with the coach. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_share_with_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    resource_id: *const c_char,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    guard(|| {
        let r = super::args::lib(lib)?.share_with_coach(
            actor(actor_kind, actor_id)?,
            id(resource_id, "resource_id")?,
        )?;
        put_one!(out, CoachingResource, r);
        Ok(())
    })
}

/// An engagement's resources (a list of `CoachingEngagementResource`).
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement_resources(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.engagement_resources(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put_list!(out, CoachingEngagementResource, v);
        Ok(())
    })
}

/// The contents of a folder shared into an engagement (a list of `CoachingResource`).
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement_folder(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    folder_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.engagement_folder(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            id(folder_id, "folder_id")?,
        )?;
        put_list!(out, CoachingResource, v);
        Ok(())
    })
}

/// A file's bytes (`engagement_id` NULL for the library or one's own client library).
/// `out_resource` may be NULL; free the bytes with `coaching_bytes_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_download(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    resource_id: *const c_char,
    engagement_id: *const c_char,
    out_resource: *mut *mut CoachingResource,
    out_bytes: *mut *mut CoachingBytes,
) -> CoachingResult {
    guard(|| {
        out_ptr(out_bytes, "out_bytes")?;
        let (r, b) = super::args::lib(lib)?.download(
            actor(actor_kind, actor_id)?,
            id(resource_id, "resource_id")?,
            opt_id(engagement_id, "engagement_id")?,
        )?;
        put_one!(out_resource, CoachingResource, r);
        put(out_bytes, bytes_raw(b));
        Ok(())
    })
}

/// Deletes a resource (a folder with its contents).
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_resource(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    resource_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.delete_resource(
            actor(actor_kind, actor_id)?,
            id(resource_id, "resource_id")?,
        )?)
    })
}

// ---------------------------------------------------------------- program items, comments, to-dos

/// Adds a program item: `kind` a `COACHING_PROGRAM_ITEM_KIND_*` value; goals and assignments
/// use `name`, `description` (may be NULL), `due_after_days` (-1 for none); resources use
/// `resource_id`.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_program_item(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    program_id: *const c_char,
    kind: i32,
    name: *const c_char,
    description: *const c_char,
    due_after_days: i64,
    resource_id: *const c_char,
    out: *mut *mut CoachingProgramItem,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let due = match due_after_days {
            -1 => None,
            d => Some(u32::try_from(d).map_err(|_| invalid("due_after_days", "out of range"))?),
        };
        let item = match kind {
            0 => ProgramItemKind::Goal {
                name: text(name, "name")?.into(),
                description: opt_text(description, "description")?.map(Into::into),
                due_after_days: due,
            },
            1 => ProgramItemKind::Assignment {
                name: text(name, "name")?.into(),
                description: opt_text(description, "description")?.map(Into::into),
                due_after_days: due,
            },
            2 => ProgramItemKind::Resource {
                resource_id: id(resource_id, "resource_id")?,
            },
            other => return Err(invalid("kind", format!("{other} is out of range"))),
        };
        let i = super::args::lib(lib)?.add_program_item(
            actor(actor_kind, actor_id)?,
            id(program_id, "program_id")?,
            item,
        )?;
        put_one!(out, CoachingProgramItem, i);
        Ok(())
    })
}

/// Removes a program item.
#[no_mangle]
pub unsafe extern "C" fn coaching_remove_program_item(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    program_id: *const c_char,
    item_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?.remove_program_item(
            actor(actor_kind, actor_id)?,
            id(program_id, "program_id")?,
            id(item_id, "item_id")?,
        )?)
    })
}

/// A program's items (a list of `CoachingProgramItem`).
#[no_mangle]
pub unsafe extern "C" fn coaching_program_items(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    program_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?
            .program_items(actor(actor_kind, actor_id)?, id(program_id, "program_id")?)?;
        put_list!(out, CoachingProgramItem, v);
        Ok(())
    })
}

unsafe fn comment_target(kind: i32, target_id: *const c_char) -> Result<CommentTarget, FfiError> {
    Ok(match kind {
        0 => CommentTarget::Note(id(target_id, "target_id")?),
        1 => CommentTarget::Goal(id(target_id, "target_id")?),
        2 => CommentTarget::Assignment(id(target_id, "target_id")?),
        other => return Err(invalid("target_kind", format!("{other} is out of range"))),
    })
}

/// Comments on a note (`target_kind` 0), goal (1) or assignment (2).
#[no_mangle]
pub unsafe extern "C" fn coaching_add_comment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    target_kind: i32,
    target_id: *const c_char,
    body_html: *const c_char,
    out: *mut *mut CoachingComment,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = super::args::lib(lib)?.add_comment(
            actor(actor_kind, actor_id)?,
            comment_target(target_kind, target_id)?,
            text(body_html, "body_html")?,
        )?;
        put_one!(out, CoachingComment, c);
        Ok(())
    })
}

/// The comments on a note (0), goal (1) or assignment (2), oldest first (a list of
/// `CoachingComment`).
#[no_mangle]
pub unsafe extern "C" fn coaching_comments(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    target_kind: i32,
    target_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.comments(
            actor(actor_kind, actor_id)?,
            comment_target(target_kind, target_id)?,
        )?;
        put_list!(out, CoachingComment, v);
        Ok(())
    })
}

/// Deletes a comment.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_comment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    comment_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(super::args::lib(lib)?
            .delete_comment(actor(actor_kind, actor_id)?, id(comment_id, "comment_id")?)?)
    })
}

/// A coach's Client To-Dos, by due date (a list of `CoachingTodo`).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_todos(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    coach_id: *const c_char,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = super::args::lib(lib)?.client_todos(
            actor(actor_kind, actor_id)?,
            id(coach_id, "coach_id")?,
            page(offset, limit),
        )?;
        put_list!(out, CoachingTodo, v);
        Ok(())
    })
}
