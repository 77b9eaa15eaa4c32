//! What the C ABI returns: `#[repr(C)]` structs of plain fields, each owned by a hidden box
//! that also keeps its strings (and nested arrays) alive; and `CoachingList`, a list handle.

use std::any::Any;
use std::ffi::{c_char, CString};
use std::ptr;

use chrono::{DateTime, NaiveDate, Utc};
use coaching_core as core;
use coaching_core::Actor;

/// Keeps the C strings of one returned object alive: NUL-terminated copies packed into a few
/// fixed chunks (one allocation for a typical object instead of one per string; a chunk never
/// moves, so the pointers handed out stay valid as more strings are added).
pub(crate) struct Strings {
    chunks: Vec<Box<[u8]>>,
    used: usize,
    chunk: usize,
}

impl Default for Strings {
    fn default() -> Self {
        Strings::with_chunk(CHUNK)
    }
}

/// Bytes of a chunk: an overview row's ten strings fit in one.
const CHUNK: usize = 512;

impl Strings {
    pub(crate) fn with_chunk(chunk: usize) -> Self {
        Strings {
            chunks: Vec::new(),
            used: 0,
            chunk,
        }
    }
    /// Copies `b` (no NUL inside) and a terminating NUL into the current chunk.
    fn put(&mut self, b: &[u8]) -> *const c_char {
        let need = b.len() + 1;
        if self
            .chunks
            .last()
            .is_none_or(|c| self.used + need > c.len())
        {
            self.chunks
                .push(vec![0u8; need.max(self.chunk)].into_boxed_slice());
            self.used = 0;
        }
        let Some(chunk) = self.chunks.last_mut() else {
            return ptr::null();
        };
        let at = &mut chunk[self.used..self.used + need];
        at[..b.len()].copy_from_slice(b);
        at[b.len()] = 0;
        self.used += need;
        at.as_ptr().cast()
    }
    /// A string owned by the object (an interior NUL, which C cannot see past, reads U+FFFD).
    pub(crate) fn s(&mut self, v: &str) -> *const c_char {
        if v.as_bytes().contains(&0) {
            return self.put(v.replace('\0', "\u{FFFD}").as_bytes());
        }
        self.put(v.as_bytes())
    }
    /// An optional string: NULL when absent.
    pub(crate) fn o(&mut self, v: Option<&str>) -> *const c_char {
        v.map_or(ptr::null(), |v| self.s(v))
    }
    /// A value's text (ids, dates: short, no NUL), written without an intermediate `String`.
    fn shown(&mut self, v: impl std::fmt::Display) -> *const c_char {
        use std::io::Write;
        let mut buf = [0u8; 64];
        let mut w = std::io::Cursor::new(&mut buf[..]);
        if write!(w, "{v}").is_err() {
            return self.s(&v.to_string());
        }
        let n = w.position() as usize;
        self.put(&buf[..n])
    }
    pub(crate) fn id(&mut self, v: impl std::fmt::Display) -> *const c_char {
        self.shown(v)
    }
    pub(crate) fn oid(&mut self, v: Option<impl std::fmt::Display>) -> *const c_char {
        v.map_or(ptr::null(), |v| self.id(v))
    }
    /// "YYYY-MM-DD" (`NaiveDate`'s ISO display; every stored date is within 1900–9998).
    pub(crate) fn date(&mut self, d: Option<NaiveDate>) -> *const c_char {
        d.map_or(ptr::null(), |d| self.shown(d))
    }
}

/// The box behind every returned object: the view first (so a pointer to the box is a
/// pointer to the view), then what keeps its pointers valid.
#[repr(C)]
pub(crate) struct Owned<T> {
    pub(crate) view: T,
    strings: Strings,
    nested: Vec<Box<dyn Any>>,
}

/// Something the C ABI can return.
pub(crate) trait View: Sized + 'static {
    type From;
    fn build(from: &Self::From, s: &mut Strings, nested: &mut Vec<Box<dyn Any>>) -> Self;
}

pub(crate) fn owned<T: View>(from: &T::From) -> Box<Owned<T>> {
    let mut strings = Strings::default();
    let mut nested = Vec::new();
    let view = T::build(from, &mut strings, &mut nested);
    Box::new(Owned {
        view,
        strings,
        nested,
    })
}

/// Hands an object to C.
pub(crate) fn into_raw<T: View>(from: &T::From) -> *mut T {
    Box::into_raw(owned::<T>(from)).cast()
}

pub(crate) unsafe fn free_raw<T: View>(p: *mut T) {
    if !p.is_null() {
        drop(Box::from_raw(p.cast::<Owned<T>>()));
    }
}

/// A list handle: items of one type, read with `coaching_list_len` and the typed getters.
/// The items lie side by side in one array, and their strings and nested arrays belong to the
/// list (a few allocations for the whole list, not several per item).
pub struct CoachingList {
    len: usize,
    items: Box<dyn Any>,
}

/// What a `CoachingList` of `T` holds.
struct Items<T> {
    items: Vec<T>,
    _strings: Strings,
    _nested: Vec<Box<dyn Any>>,
}

/// Bytes of a list's string chunks.
const LIST_CHUNK: usize = 64 * 1024;

pub(crate) fn list_raw<T: View>(from: &[T::From]) -> *mut CoachingList {
    let mut strings = Strings::with_chunk(LIST_CHUNK);
    let mut nested = Vec::new();
    let items: Vec<T> = from
        .iter()
        .map(|f| T::build(f, &mut strings, &mut nested))
        .collect();
    let len = items.len();
    let items = Items {
        items,
        _strings: strings,
        _nested: nested,
    };
    Box::into_raw(Box::new(CoachingList {
        len,
        items: Box::new(items),
    }))
}

unsafe fn list_get<T: View>(list: *const CoachingList, index: usize) -> *const T {
    match list
        .as_ref()
        .and_then(|l| l.items.downcast_ref::<Items<T>>())
        .and_then(|l| l.items.get(index))
    {
        Some(item) => item,
        None => ptr::null(),
    }
}

/// Number of items in a list (0 for NULL).
#[no_mangle]
pub unsafe extern "C" fn coaching_list_len(list: *const CoachingList) -> usize {
    list.as_ref().map_or(0, |l| l.len)
}

/// Releases a list and every item in it. NULL is accepted.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_free(list: *mut CoachingList) {
    if !list.is_null() {
        drop(Box::from_raw(list));
    }
}

/// An owned byte buffer (a downloaded file).
#[repr(C)]
pub struct CoachingBytes {
    pub data: *const u8,
    pub len: usize,
}

pub(crate) fn bytes_raw(v: Vec<u8>) -> *mut CoachingBytes {
    let boxed: Box<[u8]> = v.into_boxed_slice();
    let len = boxed.len();
    let data = Box::into_raw(boxed) as *const u8;
    Box::into_raw(Box::new(CoachingBytes { data, len }))
}

/// Releases a byte buffer. NULL is accepted.
#[no_mangle]
pub unsafe extern "C" fn coaching_bytes_free(b: *mut CoachingBytes) {
    if b.is_null() {
        return;
    }
    let b = Box::from_raw(b);
    if !b.data.is_null() {
        drop(Box::from_raw(ptr::slice_from_raw_parts_mut(
            b.data as *mut u8,
            b.len,
        )));
    }
}

/// Releases a string returned on its own (`char **out`). NULL is accepted.
#[no_mangle]
pub unsafe extern "C" fn coaching_string_free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}

pub(crate) fn string_raw(s: &str) -> *mut c_char {
    CString::new(s.replace('\0', "\u{FFFD}"))
        .unwrap_or_default()
        .into_raw()
}

/// The views of `from` as an array owned by the enclosing object: (pointer, count).
fn array<T: View>(
    from: &[T::From], s: &mut Strings, n: &mut Vec<Box<dyn Any>>,
) -> (*const T, usize) {
    let items: Vec<T> = from.iter().map(|f| T::build(f, s, n)).collect();
    let array = (items.as_ptr(), items.len());
    n.push(Box::new(items));
    array
}

fn ts(t: &DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// Declares a C enum (`#[repr(C)]`, explicit discriminants) and, with `from <core type>`, its
/// conversion from the core enum of the same variants.
macro_rules! c_enum {
    (@from $name:ident [$($v:ident)*]) => {};
    (@from $name:ident [$($v:ident)*] $core:ty) => {
        impl From<$core> for $name {
            fn from(v: $core) -> Self {
                type Core = $core;
                match v {
                    $(Core::$v => $name::$v,)*
                }
            }
        }
    };
    (
        $(#[$m:meta])*
        pub enum $name:ident $(from $core:ty)? {
            $($(#[$vm:meta])* $v:ident = $d:literal),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[repr(C)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vm])* $v = $d,)*
        }
        c_enum!(@from $name [$($v)*] $($core)?);
    };
}

/// Declares a view: the `#[repr(C)]` struct and its `View` impl, from one table. The binder
/// names the source value, the `Strings` and, for views holding nested views, the nested
/// storage; `let` lines run first; then each field, `name: CType = expression`, is both
/// declared and built, in order.
macro_rules! view {
    (@nested) => { _ };
    (@nested $n:ident) => { $n };
    (
        $(#[$m:meta])*
        pub struct $name:ident from $core:ty = |$x:ident, $s:ident $(, $n:ident)?|
            $(let $p:pat = $v:expr;)*
        {
            $($(#[$fm:meta])* $f:ident: $t:ty = $e:expr),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[repr(C)]
        pub struct $name {
            $($(#[$fm])* pub $f: $t,)*
        }

        impl View for $name {
            type From = $core;
            fn build(
                $x: &$core, $s: &mut Strings, view!(@nested $($n)?): &mut Vec<Box<dyn Any>>,
            ) -> Self {
                $(let $p = $v;)*
                $name { $($f: $e,)* }
            }
        }
    };
}

/// Declares, for each view type, `coaching_<type>_free` and the list getter
/// `coaching_list_<type>`.
macro_rules! free_and_list_get {
    ($($t:ident: $free:ident, $list:ident;)*) => {$(
        #[doc = concat!(" Releases a `", stringify!($t), "` (NULL is accepted).")]
        #[no_mangle]
        pub unsafe extern "C" fn $free(p: *mut $t) {
            free_raw::<$t>(p)
        }

        #[doc = concat!(
            " Item `index` of a list of `", stringify!($t),
            "`, or NULL (another type, out of range). Owned by the list."
        )]
        #[no_mangle]
        pub unsafe extern "C" fn $list(list: *const CoachingList, index: usize) -> *const $t {
            list_get::<$t>(list, index)
        }
    )*};
}

c_enum! {
    /// Who acted.
    pub enum CoachingActorKind {
        Coach = 0, Client = 1, System = 2,
        /// No actor (e.g. a session nobody cancelled).
        None = 3,
    }
}

fn actor_parts(a: Option<&Actor>, s: &mut Strings) -> (CoachingActorKind, *const c_char) {
    match a {
        Some(Actor::Coach(id)) => (CoachingActorKind::Coach, s.id(id)),
        Some(Actor::Client(id)) => (CoachingActorKind::Client, s.id(id)),
        Some(Actor::System) => (CoachingActorKind::System, ptr::null()),
        None => (CoachingActorKind::None, ptr::null()),
    }
}

c_enum! {
    /// Engagement lifecycle status.
    pub enum CoachingStatus from core::Status { Draft = 0, Active = 1, Inactive = 2, Completed = 3 }
}

c_enum! {
    /// Derived display phase.
    pub enum CoachingPhase from core::Phase { NotStarted = 0, InProgress = 1, Completed = 2 }
}

c_enum! {
    /// Sessions or hours (amounts in minutes).
    pub enum CoachingProgressUnit from core::ProgressUnit { Sessions = 0, Hours = 1 }
}

c_enum! {
    /// Session status.
    pub enum CoachingSessionStatus from core::SessionStatus {
        Scheduled = 0, Completed = 1, Cancelled = 2, LateCancelled = 3, NoShow = 4,
    }
}

c_enum! {
    /// Goal status.
    pub enum CoachingGoalStatus from core::GoalStatus { Active = 0, Completed = 1 }
}

c_enum! {
    /// How far ahead a goal looks; `COACHING_GOAL_HORIZON_NONE` when not set. As input, the
    /// same values (an edit also takes -1: leave it).
    pub enum CoachingGoalHorizon { None = 0, Short = 1, Mid = 2, Long = 3 }
}

impl From<Option<core::GoalHorizon>> for CoachingGoalHorizon {
    fn from(h: Option<core::GoalHorizon>) -> Self {
        match h {
            None => CoachingGoalHorizon::None,
            Some(core::GoalHorizon::Short) => CoachingGoalHorizon::Short,
            Some(core::GoalHorizon::Mid) => CoachingGoalHorizon::Mid,
            Some(core::GoalHorizon::Long) => CoachingGoalHorizon::Long,
        }
    }
}

c_enum! {
    /// What a custom field belongs to.
    pub enum CoachingFieldEntity from core::FieldEntity { Engagement = 0, Client = 1 }
}

c_enum! {
    /// The type of a custom field's values.
    pub enum CoachingFieldKind from core::FieldKind { Text = 0, Number = 1, Date = 2, Choice = 3, YesNo = 4 }
}

c_enum! {
    /// What a form question asks for. Also passed in (`CoachingQuestionInput.kind`).
    pub enum CoachingQuestionKind from core::QuestionKind {
        ShortText = 0, LongText = 1, SingleChoice = 2, MultipleChoice = 3, Scale = 4, Date = 5,
    }
}

c_enum! {
    /// Where a sent form stands.
    pub enum CoachingFormStatus from core::FormStatus { Open = 0, Submitted = 1 }
}

c_enum! {
    /// Assignment status.
    pub enum CoachingAssignmentStatus from core::AssignmentStatus { Open = 0, Completed = 1 }
}

c_enum! {
    /// Folder, file or link.
    pub enum CoachingResourceKind from core::ResourceKind { Folder = 0, File = 1, Link = 2 }
}

c_enum! {
    /// A Client To-Do's kind.
    pub enum CoachingTodoKind from core::TodoKind { Goal = 0, Milestone = 1, Assignment = 2, Form = 3 }
}

c_enum! {
    /// What a reminder is about.
    pub enum CoachingDueKind from core::DueKind { Session = 0, Goal = 1, Milestone = 2, Assignment = 3, Form = 4 }
}

c_enum! {
    /// Where a session takes place (input and output).
    pub enum CoachingLocationKind { Phone = 0, InPerson = 1, Zoom = 2, Skype = 3, Other = 4 }
}

c_enum! {
    /// Where a resource lives.
    pub enum CoachingResourcePlace { Library = 0, ClientLibrary = 1, Engagement = 2 }
}

c_enum! {
    /// What a program item makes.
    pub enum CoachingProgramItemKind { Goal = 0, Assignment = 1, Resource = 2, Form = 3 }
}

view! {
    /// A practice. Instants (`*_at`) are seconds since the Unix epoch.
    pub struct CoachingPractice from core::Practice = |p, s| {
        id: *const c_char = s.id(p.id), name: *const c_char = s.s(&p.name),
        time_zone: *const c_char = s.s(p.time_zone.name()),
        plan_name: *const c_char = s.s(&p.plan.name),
        /// -1: unlimited.
        plan_max_active_engagements: i64 = p.plan.max_active_engagements.map_or(-1, i64::from),
        /// -1: unlimited.
        plan_max_coaches: i64 = p.plan.max_coaches.map_or(-1, i64::from),
        plan_can_reassign: bool = p.plan.can_reassign, owner_id: *const c_char = s.id(p.owner_id),
        created_at: i64 = ts(&p.created_at), updated_at: i64 = ts(&p.updated_at),
    }
}

view! {
    /// A coach.
    pub struct CoachingCoach from core::Coach = |c, s| {
        id: *const c_char = s.id(c.id), practice_id: *const c_char = s.id(c.practice_id),
        name: *const c_char = s.s(&c.name),
        /// NULL if none.
        email: *const c_char = s.o(c.email.as_deref()),
        created_at: i64 = ts(&c.created_at),
    }
}

view! {
    /// A client.
    pub struct CoachingClient from core::Client = |c, s| {
        id: *const c_char = s.id(c.id), practice_id: *const c_char = s.id(c.practice_id),
        name: *const c_char = s.s(&c.name),
        /// NULL if none.
        email: *const c_char = s.o(c.email.as_deref()),
        has_portal: bool = c.has_portal,
        created_at: i64 = ts(&c.created_at), updated_at: i64 = ts(&c.updated_at),
        /// Out of the client directory (`coaching_set_client_archived`).
        archived: bool = c.archived,
        /// Erased for good (`coaching_erase_client`): `name` is a placeholder.
        erased: bool = c.erased,
    }
}

view! {
    /// A program. `planned` is sessions, or minutes in hours mode.
    pub struct CoachingProgram from core::Program = |p, s| {
        id: *const c_char = s.id(p.id), practice_id: *const c_char = s.id(p.practice_id),
        name: *const c_char = s.s(&p.name), unit: CoachingProgressUnit = p.planned.unit.into(),
        planned: u32 = p.planned.amount, session_minutes: u32 = p.session_minutes,
        no_show_counts: bool = p.no_show_counts,
        /// -1: no late-cancellation window.
        late_cancel_window_minutes: i64 = p.late_cancel_window_minutes.map_or(-1, i64::from),
        created_at: i64 = ts(&p.created_at), updated_at: i64 = ts(&p.updated_at),
    }
}

view! {
    /// One engagement as the overview shows it: names, dates (NULL = "TBD"), progress, status.
    pub struct CoachingEngagement from core::EngagementOverview = |l, s|
        let e = &l.engagement;
    {
        id: *const c_char = s.id(e.id), practice_id: *const c_char = s.id(e.practice_id),
        /// NULL if unassigned.
        coach_id: *const c_char = s.oid(e.coach_id),
        coach_name: *const c_char = s.o(l.coach_name.as_deref()),
        /// NULL if not set.
        client_id: *const c_char = s.oid(e.client_id),
        client_name: *const c_char = s.o(l.client_name.as_deref()),
        /// NULL for an ad-hoc engagement.
        program_id: *const c_char = s.oid(e.program_id),
        program_name: *const c_char = s.o(e.program_name.as_deref()),
        /// "YYYY-MM-DD", or NULL for TBD.
        start_date: *const c_char = s.date(e.start_date),
        end_date: *const c_char = s.date(e.end_date),
        status: CoachingStatus = e.status.into(), phase: CoachingPhase = l.phase.into(),
        /// NULL unless completed with a reason.
        completion_reason: *const c_char = s.o(e.completion_reason.as_deref()),
        unit: CoachingProgressUnit = l.progress.unit.into(),
        /// Sessions, or minutes in hours mode; never capped.
        progress_used: u64 = l.progress.used,
        progress_planned: u32 = l.progress.planned,
        /// 0 to 100, capped.
        progress_percent: f64 = l.progress.percent(),
        /// "2/16" or "1.5/10 h".
        progress_text: *const c_char = s.s(&l.progress.to_string()),
        session_minutes: u32 = e.session_minutes, no_show_counts: bool = e.no_show_counts,
        /// -1: none.
        late_cancel_window_minutes: i64 = e.late_cancel_window_minutes.map_or(-1, i64::from),
        created_at: i64 = ts(&e.created_at), updated_at: i64 = ts(&e.updated_at),
    }
}

fn location_kind(l: &core::Location) -> CoachingLocationKind {
    match l {
        core::Location::Phone { .. } => CoachingLocationKind::Phone,
        core::Location::InPerson { .. } => CoachingLocationKind::InPerson,
        core::Location::Zoom { .. } => CoachingLocationKind::Zoom,
        core::Location::Skype { .. } => CoachingLocationKind::Skype,
        core::Location::Other { .. } => CoachingLocationKind::Other,
    }
}

view! {
    /// A session. `start`/`end` are seconds since the Unix epoch; `local_start` is the
    /// wall-clock start in the session's zone ("YYYY-MM-DD HH:MM").
    pub struct CoachingSession from core::Session = |x, s|
        let (cbk, cbi) = actor_parts(x.cancelled_by.as_ref(), s);
        let (crk, cri) = actor_parts(Some(&x.created_by), s);
    {
        id: *const c_char = s.id(x.id), practice_id: *const c_char = s.id(x.practice_id),
        engagement_id: *const c_char = s.id(x.engagement_id),
        coach_id: *const c_char = s.id(x.coach_id), client_id: *const c_char = s.id(x.client_id),
        start: i64 = ts(&x.start), end: i64 = ts(&x.end), minutes: i64 = x.minutes(),
        time_zone: *const c_char = s.s(x.time_zone.name()),
        local_start: *const c_char = s.s(&x.local_start().format("%Y-%m-%d %H:%M").to_string()),
        location_kind: CoachingLocationKind = location_kind(&x.location),
        location_value: *const c_char = s.s(x.location.value()),
        /// Zoom and Skype only, else NULL.
        join_url: *const c_char = s.o(x.location.join_url()),
        status: CoachingSessionStatus = x.status.into(),
        cancelled_by_kind: CoachingActorKind = cbk, cancelled_by_id: *const c_char = cbi,
        cancel_reason: *const c_char = s.o(x.cancel_reason.as_deref()),
        created_by_kind: CoachingActorKind = crk, created_by_id: *const c_char = cri,
        created_at: i64 = ts(&x.created_at), updated_at: i64 = ts(&x.updated_at),
    }
}

view! {
    /// A session with the names a dashboard shows.
    pub struct CoachingSessionLine from core::SessionLine = |l, s, n| {
        session: CoachingSession = CoachingSession::build(&l.session, s, n),
        coach_name: *const c_char = s.s(&l.coach_name),
        client_name: *const c_char = s.s(&l.client_name),
        program_name: *const c_char = s.o(l.program_name.as_deref()),
    }
}

view! {
    /// One activity-log entry. `action` and `target_kind` are stable snake_case names.
    pub struct CoachingLogEntry from core::LogEntry = |l, s|
        let (ak, ai) = actor_parts(Some(&l.actor), s);
    {
        id: *const c_char = s.id(l.id), practice_id: *const c_char = s.id(l.practice_id),
        /// NULL for practice-level entries.
        engagement_id: *const c_char = s.oid(l.engagement_id),
        at: i64 = ts(&l.at), actor_kind: CoachingActorKind = ak, actor_id: *const c_char = ai,
        action: *const c_char = s.s(l.action.as_str()),
        target_kind: *const c_char = s.s(l.target.kind.as_str()),
        target_id: *const c_char = s.id(l.target.id),
        detail: *const c_char = s.o(l.detail.as_deref()),
        /// Who reads the entry in the change feed: "owner", "coaches", "coach", "client" or
        /// "own".
        audience: *const c_char = s.s(l.audience.as_str()),
    }
}

view! {
    /// A page of the change feed: the changes after the cursor asked for, oldest first;
    /// `next`, the cursor to resume from (store it; pass it as `after`); `more`, whether the
    /// page is full (more changes may follow at once).
    pub struct CoachingChangePage from core::ChangePage = |p, s, n|
        let (changes, change_count) = array::<CoachingLogEntry>(&p.changes, s, n);
    {
        changes: *const CoachingLogEntry = changes, change_count: usize = change_count,
        next: *const c_char = s.s(&p.next.as_string()), more: bool = p.more,
    }
}

view! {
    /// One page of a practice's overview: its lines in the asked order, and how many
    /// engagements match the filters across every page.
    pub struct CoachingOverviewPage from core::OverviewPage = |p, s, n|
        let (lines, line_count) = array::<CoachingEngagement>(&p.lines, s, n);
    {
        lines: *const CoachingEngagement = lines, line_count: usize = line_count,
        total: u64 = p.total,
    }
}

c_enum! {
    /// The order of an overview page (`coaching_overview_page`); engagements without the value
    /// (no client or coach yet, no program, a TBD start) come last in both directions, ties
    /// by creation.
    pub enum CoachingOverviewSort from core::OverviewSort {
        Created = 0, ClientName = 1, CoachName = 2, ProgramName = 3, StartDate = 4, Status = 5,
    }
}

view! {
    /// A range of wall-clock time within a day, in minutes after midnight: `start_minute`
    /// included, `end_minute` not; 0 <= start < end <= 1440 (24:00). Also passed in.
    pub struct CoachingDayRange from core::DayRange = |r, s| let _ = &s; {
        start_minute: u16 = r.start_minute, end_minute: u16 = r.end_minute,
    }
}

view! {
    /// One range of a weekday's hours; `weekday` 1 (Monday) to 7 (Sunday). Also passed in.
    pub struct CoachingWeeklyHours from core::WeeklyHours = |w, s| let _ = &s; {
        weekday: u8 = w.weekday.number_from_monday() as u8,
        start_minute: u16 = w.range.start_minute, end_minute: u16 = w.range.end_minute,
    }
}

view! {
    /// The hours of one date ("YYYY-MM-DD") in place of its weekday's; none: a day off.
    pub struct CoachingDateOverride from core::DateOverride = |o, s, n|
        let (hours, hour_count) = array::<CoachingDayRange>(&o.hours, s, n);
    {
        date: *const c_char = s.s(&o.date.to_string()),
        hours: *const CoachingDayRange = hours, hour_count: usize = hour_count,
    }
}

view! {
    /// A coach's published availability: weekly hours in `time_zone` (Monday first) and the
    /// date overrides (by date).
    pub struct CoachingAvailability from core::Availability = |a, s, n|
        let (weekly, weekly_count) = array::<CoachingWeeklyHours>(&a.weekly, s, n);
        let (overrides, override_count) = array::<CoachingDateOverride>(&a.overrides, s, n);
    {
        coach_id: *const c_char = s.id(a.coach_id), practice_id: *const c_char = s.id(a.practice_id),
        time_zone: *const c_char = s.s(a.time_zone.name()),
        weekly: *const CoachingWeeklyHours = weekly, weekly_count: usize = weekly_count,
        overrides: *const CoachingDateOverride = overrides, override_count: usize = override_count,
        updated_at: i64 = ts(&a.updated_at),
    }
}

view! {
    /// Booking rules and where they come from: `source` is "engagement", "program" or
    /// "default". `max_horizon_days` 0: no horizon.
    pub struct CoachingBookingRules from core::EffectiveRules = |r, s| {
        min_notice_minutes: u32 = r.rules.min_notice_minutes,
        max_horizon_days: u32 = r.rules.max_horizon_days.unwrap_or(0),
        buffer_before_minutes: u32 = r.rules.buffer_before_minutes,
        buffer_after_minutes: u32 = r.rules.buffer_after_minutes,
        slot_step_minutes: u32 = r.rules.slot_step_minutes,
        source: *const c_char = s.s(r.source.as_str()),
    }
}

view! {
    /// Start times (seconds since the Unix epoch), soonest first.
    pub struct CoachingSlots from Vec<DateTime<Utc>> = |v, s, n|
        let _ = &s;
        let (starts, count) = {
            let items: Vec<i64> = v.iter().map(ts).collect();
            let p = (items.as_ptr(), items.len());
            n.push(Box::new(items));
            p
        };
    {
        starts: *const i64 = starts, count: usize = count,
    }
}

view! {
    /// A note. `body_html` is sanitised; `body_text` is its plain text.
    pub struct CoachingNote from core::Note = |n, s| {
        id: *const c_char = s.id(n.id), practice_id: *const c_char = s.id(n.practice_id),
        engagement_id: *const c_char = s.id(n.engagement_id), title: *const c_char = s.s(&n.title),
        body_html: *const c_char = s.s(&n.body_html), body_text: *const c_char = s.s(&n.body_text),
        position: u32 = n.position, shared: bool = n.shared,
        created_at: i64 = ts(&n.created_at), updated_at: i64 = ts(&n.updated_at),
    }
}

view! {
    /// A search hit: the note, a snippet (safe HTML with `<mark>`, NULL without keywords), the
    /// rank (higher is better).
    pub struct CoachingNoteHit from core::NoteHit = |h, s, n| {
        note: CoachingNote = CoachingNote::build(&h.note, s, n),
        snippet_html: *const c_char = s.o(h.snippet_html.as_deref()), rank: f64 = h.rank,
    }
}

view! {
    /// A client's journal entry. `body_html` is sanitised; `body_text` is its plain text.
    pub struct CoachingJournalEntry from core::JournalEntry = |j, s| {
        id: *const c_char = s.id(j.id), practice_id: *const c_char = s.id(j.practice_id),
        engagement_id: *const c_char = s.id(j.engagement_id),
        client_id: *const c_char = s.id(j.client_id), title: *const c_char = s.s(&j.title),
        body_html: *const c_char = s.s(&j.body_html), body_text: *const c_char = s.s(&j.body_text),
        shared: bool = j.shared, created_at: i64 = ts(&j.created_at),
        updated_at: i64 = ts(&j.updated_at),
    }
}

view! {
    /// A custom field's definition. `choices`: a choice field's choices, one a line ("" for
    /// the other kinds).
    pub struct CoachingField from core::FieldDefinition = |f, s| {
        id: *const c_char = s.id(f.id), practice_id: *const c_char = s.id(f.practice_id),
        entity: CoachingFieldEntity = f.entity.into(), label: *const c_char = s.s(&f.label),
        kind: CoachingFieldKind = f.kind.into(), choices: *const c_char = s.s(&f.choices.join("\n")),
        required_for_activation: bool = f.required_for_activation, position: u32 = f.position,
        created_at: i64 = ts(&f.created_at), updated_at: i64 = ts(&f.updated_at),
    }
}

view! {
    /// A custom field with its value on one engagement or client: the value's text form, NULL
    /// when empty.
    pub struct CoachingFieldWithValue from core::FieldWithValue = |w, s, n| {
        field: CoachingField = CoachingField::build(&w.field, s, n),
        value: *const c_char = s.o(w.value.as_ref().map(|v| v.to_text()).as_deref()),
    }
}

view! {
    /// A question of a form. `choices`: a choice question's choices, one a line ("" for the
    /// other kinds); `scale_max`: a scale's top (0 for the other kinds); `help` may be NULL.
    pub struct CoachingQuestion from core::Question = |q, s| {
        prompt: *const c_char = s.s(&q.prompt), help: *const c_char = s.o(q.help.as_deref()),
        kind: CoachingQuestionKind = q.kind.into(), choices: *const c_char = s.s(&q.choices.join("\n")),
        scale_max: u32 = q.scale_max.unwrap_or(0), required: bool = q.required,
    }
}

view! {
    /// A form template of the practice library, with its questions
    /// (`questions[0..question_count]`, owned by the template).
    pub struct CoachingFormTemplate from core::FormTemplate = |t, s, n|
        let (questions, question_count) = array::<CoachingQuestion>(&t.questions, s, n);
    {
        id: *const c_char = s.id(t.id), practice_id: *const c_char = s.id(t.practice_id),
        name: *const c_char = s.s(&t.name), description: *const c_char = s.o(t.description.as_deref()),
        questions: *const CoachingQuestion = questions, question_count: usize = question_count,
        created_at: i64 = ts(&t.created_at), updated_at: i64 = ts(&t.updated_at),
    }
}

view! {
    /// The answer to one question of a form (`question`: its index), in its text form: a
    /// multiple-choice answer's choices one a line, a scale's number, a date "YYYY-MM-DD".
    pub struct CoachingFormAnswer from core::FormAnswer = |a, s| {
        question: u32 = a.question, value: *const c_char = s.s(&a.answer.to_text()),
    }
}

view! {
    /// A form sent into an engagement: its questions (`questions[0..question_count]`) and
    /// answers (`answers[0..answer_count]`, in question order; a coach gets none while the form
    /// is open), owned by the form. `template_id` NULL once the template is deleted;
    /// `submitted_at` 0 if never submitted.
    pub struct CoachingForm from core::Form = |f, s, n|
        let (questions, question_count) = array::<CoachingQuestion>(&f.questions, s, n);
        let (answers, answer_count) = array::<CoachingFormAnswer>(&f.answers, s, n);
        let (sk, si) = actor_parts(Some(&f.sent_by), s);
    {
        id: *const c_char = s.id(f.id), practice_id: *const c_char = s.id(f.practice_id),
        engagement_id: *const c_char = s.id(f.engagement_id),
        template_id: *const c_char = s.oid(f.template_id), name: *const c_char = s.s(&f.name),
        description: *const c_char = s.o(f.description.as_deref()),
        questions: *const CoachingQuestion = questions, question_count: usize = question_count,
        answers: *const CoachingFormAnswer = answers, answer_count: usize = answer_count,
        status: CoachingFormStatus = f.status.into(), due_date: *const c_char = s.date(f.due_date),
        sent_by_kind: CoachingActorKind = sk, sent_by_id: *const c_char = si,
        sent_at: i64 = ts(&f.sent_at), submitted_at: i64 = f.submitted_at.as_ref().map_or(0, ts),
        updated_at: i64 = ts(&f.updated_at),
    }
}

view! {
    /// A milestone of a goal.
    pub struct CoachingMilestone from core::Milestone = |m, s| {
        id: *const c_char = s.id(m.id), goal_id: *const c_char = s.id(m.goal_id),
        engagement_id: *const c_char = s.id(m.engagement_id), name: *const c_char = s.s(&m.name),
        due_date: *const c_char = s.date(m.due_date), done: bool = m.done,
        position: u32 = m.position,
    }
}

view! {
    /// A goal with its milestones (`milestones[0..milestone_count]`, owned by the goal).
    pub struct CoachingGoal from core::GoalWithMilestones = |g, s, n|
        let (milestones, milestone_count) = array::<CoachingMilestone>(&g.milestones, s, n);
        let x = &g.goal;
        let (ck, ci) = actor_parts(Some(&x.created_by), s);
    {
        id: *const c_char = s.id(x.id), practice_id: *const c_char = s.id(x.practice_id),
        engagement_id: *const c_char = s.id(x.engagement_id), name: *const c_char = s.s(&x.name),
        description: *const c_char = s.o(x.description.as_deref()),
        due_date: *const c_char = s.date(x.due_date), status: CoachingGoalStatus = x.status.into(),
        horizon: CoachingGoalHorizon = x.horizon.into(),
        created_by_kind: CoachingActorKind = ck, created_by_id: *const c_char = ci,
        created_at: i64 = ts(&x.created_at), updated_at: i64 = ts(&x.updated_at),
        milestones: *const CoachingMilestone = milestones, milestone_count: usize = milestone_count,
    }
}

view! {
    /// A file of an assignment.
    pub struct CoachingAssignmentFile from core::AssignmentFile = |f, s| {
        id: *const c_char = s.id(f.id), assignment_id: *const c_char = s.id(f.assignment_id),
        resource_id: *const c_char = s.id(f.resource_id),
        message: *const c_char = s.o(f.message.as_deref()), added_at: i64 = ts(&f.added_at),
    }
}

view! {
    /// An assignment with its files (`files[0..file_count]`, owned by the assignment).
    pub struct CoachingAssignment from core::AssignmentWithFiles = |a, s, n|
        let (files, file_count) = array::<CoachingAssignmentFile>(&a.files, s, n);
        let x = &a.assignment;
    {
        id: *const c_char = s.id(x.id), practice_id: *const c_char = s.id(x.practice_id),
        engagement_id: *const c_char = s.id(x.engagement_id), name: *const c_char = s.s(&x.name),
        description: *const c_char = s.o(x.description.as_deref()),
        due_date: *const c_char = s.date(x.due_date),
        status: CoachingAssignmentStatus = x.status.into(),
        created_at: i64 = ts(&x.created_at), updated_at: i64 = ts(&x.updated_at),
        files: *const CoachingAssignmentFile = files, file_count: usize = file_count,
    }
}

view! {
    /// A resource (folder, file or link).
    pub struct CoachingResource from core::Resource = |r, s|
        let (place, place_id) = match r.place {
            core::ResourcePlace::Library => (CoachingResourcePlace::Library, ptr::null()),
            core::ResourcePlace::ClientLibrary(c) => {
                (CoachingResourcePlace::ClientLibrary, s.id(c))
            }
            core::ResourcePlace::Engagement(e) => (CoachingResourcePlace::Engagement, s.id(e)),
        };
        let (ak, ai) = actor_parts(Some(&r.added_by), s);
    {
        id: *const c_char = s.id(r.id), practice_id: *const c_char = s.id(r.practice_id),
        place: CoachingResourcePlace = place,
        /// The client (client library) or engagement (engagement upload), else NULL.
        place_id: *const c_char = place_id,
        parent_id: *const c_char = s.oid(r.parent_id), kind: CoachingResourceKind = r.kind.into(),
        name: *const c_char = s.s(&r.name),
        media_type: *const c_char = s.o(r.media_type.as_deref()),
        /// -1 for folders and links.
        size: i64 = r.size.map_or(-1, |v| v as i64),
        sha256: *const c_char = s.o(r.sha256.as_deref()),
        url: *const c_char = s.o(r.url.as_deref()),
        added_by_kind: CoachingActorKind = ak, added_by_id: *const c_char = ai,
        shared_with_coach: bool = r.shared_with_coach,
        created_at: i64 = ts(&r.created_at), updated_at: i64 = ts(&r.updated_at),
    }
}

view! {
    /// A resource of an engagement's Resources page.
    pub struct CoachingEngagementResource from core::EngagementResource = |r, s, n|
        let (k, i) = actor_parts(Some(&r.shared_by), s);
    {
        resource: CoachingResource = CoachingResource::build(&r.resource, s, n),
        from_library: bool = r.from_library,
        shared_by_kind: CoachingActorKind = k, shared_by_id: *const c_char = i,
        shared_at: i64 = ts(&r.shared_at),
    }
}

view! {
    /// A comment. `target_kind` is "note", "goal" or "assignment".
    pub struct CoachingComment from core::Comment = |c, s|
        let (k, i) = actor_parts(Some(&c.author), s);
    {
        id: *const c_char = s.id(c.id), engagement_id: *const c_char = s.id(c.engagement_id),
        target_kind: *const c_char = s.s(c.target.kind().as_str()),
        target_id: *const c_char = s.id(c.target.uuid()),
        body_html: *const c_char = s.s(&c.body_html),
        author_kind: CoachingActorKind = k, author_id: *const c_char = i,
        created_at: i64 = ts(&c.created_at),
    }
}

view! {
    /// A program item.
    pub struct CoachingProgramItem from core::ProgramItem = |i, s|
        let (kind, name, description, due, resource, form) = match &i.item {
            core::ProgramItemKind::Goal { name, description, due_after_days: d } => {
                (CoachingProgramItemKind::Goal, Some(name), description.as_deref(), *d, None, None)
            }
            core::ProgramItemKind::Assignment { name, description, due_after_days: d } => {
                (CoachingProgramItemKind::Assignment, Some(name), description.as_deref(), *d, None, None)
            }
            core::ProgramItemKind::Resource { resource_id } => {
                (CoachingProgramItemKind::Resource, None, None, None, Some(*resource_id), None)
            }
            core::ProgramItemKind::Form { template_id, due_after_days: d } => {
                (CoachingProgramItemKind::Form, None, None, *d, None, Some(*template_id))
            }
        };
    {
        id: *const c_char = s.id(i.id), program_id: *const c_char = s.id(i.program_id),
        position: u32 = i.position, kind: CoachingProgramItemKind = kind,
        /// Goal and assignment items, else NULL.
        name: *const c_char = s.o(name.map(String::as_str)),
        description: *const c_char = s.o(description),
        /// -1 if none.
        due_after_days: i64 = due.map_or(-1, i64::from),
        /// Resource items, else NULL.
        resource_id: *const c_char = s.oid(resource),
        /// Form items: the form template sent, else NULL.
        form_template_id: *const c_char = s.oid(form),
    }
}

view! {
    /// One Client To-Do.
    pub struct CoachingTodo from core::TodoItem = |t, s| {
        kind: CoachingTodoKind = t.kind.into(), id: *const c_char = s.id(t.id),
        engagement_id: *const c_char = s.id(t.engagement_id),
        client_id: *const c_char = s.id(t.client_id),
        client_name: *const c_char = s.s(&t.client_name), name: *const c_char = s.s(&t.name),
        /// A milestone's goal, else NULL.
        goal_name: *const c_char = s.o(t.goal_name.as_deref()),
        due_date: *const c_char = s.date(t.due_date), overdue: bool = t.overdue,
    }
}

view! {
    /// One reminder of `coaching_due`: to whom, about what, for when.
    pub struct CoachingReminder from core::Reminder = |r, s|
        let (tk, ti) = actor_parts(Some(&r.to), s);
    {
        /// Who to remind: the engagement's coach or its client.
        to_kind: CoachingActorKind = tk, to_id: *const c_char = ti,
        to_name: *const c_char = s.s(&r.to_name),
        kind: CoachingDueKind = r.kind.into(), id: *const c_char = s.id(r.id),
        engagement_id: *const c_char = s.id(r.engagement_id),
        title: *const c_char = s.s(&r.title),
        /// A session's start (seconds since the epoch); 0 for other kinds.
        starts_at: i64 = r.starts_at.as_ref().map_or(0, ts),
        /// A goal's, milestone's, assignment's or form's due date; NULL for a session.
        due_date: *const c_char = s.date(r.due_date), overdue: bool = r.overdue,
    }
}

free_and_list_get! {
    CoachingPractice: coaching_practice_free, coaching_list_practice;
    CoachingCoach: coaching_coach_free, coaching_list_coach;
    CoachingClient: coaching_client_free, coaching_list_client;
    CoachingProgram: coaching_program_free, coaching_list_program;
    CoachingEngagement: coaching_engagement_free, coaching_list_engagement;
    CoachingSession: coaching_session_free, coaching_list_session;
    CoachingSessionLine: coaching_session_line_free, coaching_list_session_line;
    CoachingLogEntry: coaching_log_entry_free, coaching_list_log_entry;
    CoachingChangePage: coaching_change_page_free, coaching_list_change_page;
    CoachingOverviewPage: coaching_overview_page_free, coaching_list_overview_page;
    CoachingAvailability: coaching_availability_free, coaching_list_availability;
    CoachingBookingRules: coaching_booking_rules_free, coaching_list_booking_rules;
    CoachingSlots: coaching_slots_free, coaching_list_slots;
    CoachingNote: coaching_note_free, coaching_list_note;
    CoachingNoteHit: coaching_note_hit_free, coaching_list_note_hit;
    CoachingJournalEntry: coaching_journal_entry_free, coaching_list_journal_entry;
    CoachingField: coaching_field_free, coaching_list_field;
    CoachingFieldWithValue: coaching_field_with_value_free, coaching_list_field_with_value;
    CoachingQuestion: coaching_question_free, coaching_list_question;
    CoachingFormTemplate: coaching_form_template_free, coaching_list_form_template;
    CoachingFormAnswer: coaching_form_answer_free, coaching_list_form_answer;
    CoachingForm: coaching_form_free, coaching_list_form;
    CoachingMilestone: coaching_milestone_free, coaching_list_milestone;
    CoachingGoal: coaching_goal_free, coaching_list_goal;
    CoachingAssignmentFile: coaching_assignment_file_free, coaching_list_assignment_file;
    CoachingAssignment: coaching_assignment_free, coaching_list_assignment;
    CoachingResource: coaching_resource_free, coaching_list_resource;
    CoachingEngagementResource:
        coaching_engagement_resource_free, coaching_list_engagement_resource;
    CoachingComment: coaching_comment_free, coaching_list_comment;
    CoachingProgramItem: coaching_program_item_free, coaching_list_program_item;
    CoachingTodo: coaching_todo_free, coaching_list_todo;
    CoachingReminder: coaching_reminder_free, coaching_list_reminder;
}
