//! What the C ABI returns: `#[repr(C)]` structs of plain fields, each owned by a hidden box
//! that also keeps its strings (and nested arrays) alive; and `CoachingList`, a list handle.

use std::any::Any;
use std::ffi::{c_char, CString};
use std::ptr;

use chrono::{DateTime, NaiveDate, Utc};
use coaching_core as core;
use coaching_core::Actor;

/// Keeps the C strings of one returned object alive.
#[derive(Default)]
pub(crate) struct Strings(Vec<CString>);

impl Strings {
    /// A string owned by the object.
    pub(crate) fn s(&mut self, v: &str) -> *const c_char {
        let c = CString::new(v.replace('\0', "\u{FFFD}")).unwrap_or_default();
        let p = c.as_ptr();
        self.0.push(c);
        p
    }
    /// An optional string: NULL when absent.
    pub(crate) fn o(&mut self, v: Option<&str>) -> *const c_char {
        v.map_or(ptr::null(), |v| self.s(v))
    }
    pub(crate) fn id(&mut self, v: impl std::fmt::Display) -> *const c_char {
        self.s(&v.to_string())
    }
    pub(crate) fn oid(&mut self, v: Option<impl std::fmt::Display>) -> *const c_char {
        v.map_or(ptr::null(), |v| self.id(v))
    }
    pub(crate) fn date(&mut self, d: Option<NaiveDate>) -> *const c_char {
        d.map_or(ptr::null(), |d| self.s(&d.format("%Y-%m-%d").to_string()))
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
pub struct CoachingList {
    items: Vec<Box<dyn Any>>,
}

pub(crate) fn list_raw<T: View>(from: &[T::From]) -> *mut CoachingList {
    let items = from.iter().map(|f| owned::<T>(f) as Box<dyn Any>).collect();
    Box::into_raw(Box::new(CoachingList { items }))
}

unsafe fn list_get<T: View>(list: *const CoachingList, index: usize) -> *const T {
    match list
        .as_ref()
        .and_then(|l| l.items.get(index))
        .and_then(|i| i.downcast_ref::<Owned<T>>())
    {
        Some(o) => &o.view,
        None => ptr::null(),
    }
}

/// Number of items in a list (0 for NULL).
#[no_mangle]
pub unsafe extern "C" fn coaching_list_len(list: *const CoachingList) -> usize {
    list.as_ref().map_or(0, |l| l.items.len())
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

fn ts(t: &DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// Who acted.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingActorKind {
    Coach = 0,
    Client = 1,
    System = 2,
    /// No actor (e.g. a session nobody cancelled).
    None = 3,
}

fn actor_parts(a: Option<&Actor>, s: &mut Strings) -> (CoachingActorKind, *const c_char) {
    match a {
        Some(Actor::Coach(id)) => (CoachingActorKind::Coach, s.id(id)),
        Some(Actor::Client(id)) => (CoachingActorKind::Client, s.id(id)),
        Some(Actor::System) => (CoachingActorKind::System, ptr::null()),
        None => (CoachingActorKind::None, ptr::null()),
    }
}

/// Maps a core enum onto its C mirror.
macro_rules! from_core {
    ($name:ident from $core:ty { $($v:ident <= $cv:path),* $(,)? }) => {
        impl From<$core> for $name {
            fn from(v: $core) -> Self {
                match v { $($cv => $name::$v,)* }
            }
        }
    };
}

/// Engagement lifecycle status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingStatus {
    Draft = 0,
    Active = 1,
    Inactive = 2,
    Completed = 3,
}

from_core!(CoachingStatus from core::Status { Draft <= core::Status::Draft, Active <= core::Status::Active, Inactive <= core::Status::Inactive, Completed <= core::Status::Completed });

/// Derived display phase.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingPhase {
    NotStarted = 0,
    InProgress = 1,
    Completed = 2,
}

from_core!(CoachingPhase from core::Phase { NotStarted <= core::Phase::NotStarted, InProgress <= core::Phase::InProgress, Completed <= core::Phase::Completed });

/// Sessions or hours (amounts in minutes).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingProgressUnit {
    Sessions = 0,
    Hours = 1,
}

from_core!(CoachingProgressUnit from core::ProgressUnit { Sessions <= core::ProgressUnit::Sessions, Hours <= core::ProgressUnit::Hours });

/// Session status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingSessionStatus {
    Scheduled = 0,
    Completed = 1,
    Cancelled = 2,
    LateCancelled = 3,
    NoShow = 4,
}

from_core!(CoachingSessionStatus from core::SessionStatus { Scheduled <= core::SessionStatus::Scheduled, Completed <= core::SessionStatus::Completed, Cancelled <= core::SessionStatus::Cancelled, LateCancelled <= core::SessionStatus::LateCancelled, NoShow <= core::SessionStatus::NoShow });

/// Goal status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingGoalStatus {
    Active = 0,
    Completed = 1,
}

from_core!(CoachingGoalStatus from core::GoalStatus { Active <= core::GoalStatus::Active, Completed <= core::GoalStatus::Completed });

/// Assignment status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingAssignmentStatus {
    Open = 0,
    Completed = 1,
}

from_core!(CoachingAssignmentStatus from core::AssignmentStatus { Open <= core::AssignmentStatus::Open, Completed <= core::AssignmentStatus::Completed });

/// Folder, file or link.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingResourceKind {
    Folder = 0,
    File = 1,
    Link = 2,
}

from_core!(CoachingResourceKind from core::ResourceKind { Folder <= core::ResourceKind::Folder, File <= core::ResourceKind::File, Link <= core::ResourceKind::Link });

/// A Client To-Do's kind.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingTodoKind {
    Goal = 0,
    Milestone = 1,
    Assignment = 2,
}

from_core!(CoachingTodoKind from core::TodoKind { Goal <= core::TodoKind::Goal, Milestone <= core::TodoKind::Milestone, Assignment <= core::TodoKind::Assignment });

/// Where a session takes place (input and output).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingLocationKind {
    Phone = 0,
    InPerson = 1,
    Zoom = 2,
    Skype = 3,
    Other = 4,
}

/// Where a resource lives.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingResourcePlace {
    Library = 0,
    ClientLibrary = 1,
    Engagement = 2,
}

/// What a program item makes.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingProgramItemKind {
    Goal = 0,
    Assignment = 1,
    Resource = 2,
}

/// A practice. Instants (`*_at`) are seconds since the Unix epoch.
#[repr(C)]
pub struct CoachingPractice {
    pub id: *const c_char,
    pub name: *const c_char,
    pub time_zone: *const c_char,
    pub plan_name: *const c_char,
    /// -1: unlimited.
    pub plan_max_active_engagements: i64,
    /// -1: unlimited.
    pub plan_max_coaches: i64,
    pub plan_can_reassign: bool,
    pub owner_id: *const c_char,
    pub created_at: i64,
    pub updated_at: i64,
}

impl View for CoachingPractice {
    type From = core::Practice;
    fn build(p: &core::Practice, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingPractice {
            id: s.id(p.id),
            name: s.s(&p.name),
            time_zone: s.s(p.time_zone.name()),
            plan_name: s.s(&p.plan.name),
            plan_max_active_engagements: p.plan.max_active_engagements.map_or(-1, i64::from),
            plan_max_coaches: p.plan.max_coaches.map_or(-1, i64::from),
            plan_can_reassign: p.plan.can_reassign,
            owner_id: s.id(p.owner_id),
            created_at: ts(&p.created_at),
            updated_at: ts(&p.updated_at),
        }
    }
}

/// A coach.
#[repr(C)]
pub struct CoachingCoach {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub name: *const c_char,
    /// NULL if none.
    pub email: *const c_char,
    pub created_at: i64,
}

impl View for CoachingCoach {
    type From = core::Coach;
    fn build(c: &core::Coach, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingCoach {
            id: s.id(c.id),
            practice_id: s.id(c.practice_id),
            name: s.s(&c.name),
            email: s.o(c.email.as_deref()),
            created_at: ts(&c.created_at),
        }
    }
}

/// A client.
#[repr(C)]
pub struct CoachingClient {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub name: *const c_char,
    /// NULL if none.
    pub email: *const c_char,
    pub has_portal: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl View for CoachingClient {
    type From = core::Client;
    fn build(c: &core::Client, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingClient {
            id: s.id(c.id),
            practice_id: s.id(c.practice_id),
            name: s.s(&c.name),
            email: s.o(c.email.as_deref()),
            has_portal: c.has_portal,
            created_at: ts(&c.created_at),
            updated_at: ts(&c.updated_at),
        }
    }
}

/// A program. `planned` is sessions, or minutes in hours mode.
#[repr(C)]
pub struct CoachingProgram {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub name: *const c_char,
    pub unit: CoachingProgressUnit,
    pub planned: u32,
    pub session_minutes: u32,
    pub no_show_counts: bool,
    /// -1: no late-cancellation window.
    pub late_cancel_window_minutes: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl View for CoachingProgram {
    type From = core::Program;
    fn build(p: &core::Program, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingProgram {
            id: s.id(p.id),
            practice_id: s.id(p.practice_id),
            name: s.s(&p.name),
            unit: p.planned.unit.into(),
            planned: p.planned.amount,
            session_minutes: p.session_minutes,
            no_show_counts: p.no_show_counts,
            late_cancel_window_minutes: p.late_cancel_window_minutes.map_or(-1, i64::from),
            created_at: ts(&p.created_at),
            updated_at: ts(&p.updated_at),
        }
    }
}

/// One engagement as the overview shows it: names, dates (NULL = "TBD"), progress, status.
#[repr(C)]
pub struct CoachingEngagement {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    /// NULL if unassigned.
    pub coach_id: *const c_char,
    pub coach_name: *const c_char,
    /// NULL if not set.
    pub client_id: *const c_char,
    pub client_name: *const c_char,
    /// NULL for an ad-hoc engagement.
    pub program_id: *const c_char,
    pub program_name: *const c_char,
    /// "YYYY-MM-DD", or NULL for TBD.
    pub start_date: *const c_char,
    pub end_date: *const c_char,
    pub status: CoachingStatus,
    pub phase: CoachingPhase,
    /// NULL unless completed with a reason.
    pub completion_reason: *const c_char,
    pub unit: CoachingProgressUnit,
    /// Sessions, or minutes in hours mode; never capped.
    pub progress_used: u64,
    pub progress_planned: u32,
    /// 0 to 100, capped.
    pub progress_percent: f64,
    /// "2/16" or "1.5/10 h".
    pub progress_text: *const c_char,
    pub session_minutes: u32,
    pub no_show_counts: bool,
    /// -1: none.
    pub late_cancel_window_minutes: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl View for CoachingEngagement {
    type From = core::EngagementOverview;
    fn build(l: &core::EngagementOverview, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        let e = &l.engagement;
        CoachingEngagement {
            id: s.id(e.id),
            practice_id: s.id(e.practice_id),
            coach_id: s.oid(e.coach_id),
            coach_name: s.o(l.coach_name.as_deref()),
            client_id: s.oid(e.client_id),
            client_name: s.o(l.client_name.as_deref()),
            program_id: s.oid(e.program_id),
            program_name: s.o(e.program_name.as_deref()),
            start_date: s.date(e.start_date),
            end_date: s.date(e.end_date),
            status: e.status.into(),
            phase: l.phase.into(),
            completion_reason: s.o(e.completion_reason.as_deref()),
            unit: l.progress.unit.into(),
            progress_used: l.progress.used,
            progress_planned: l.progress.planned,
            progress_percent: l.progress.percent(),
            progress_text: s.s(&l.progress.to_string()),
            session_minutes: e.session_minutes,
            no_show_counts: e.no_show_counts,
            late_cancel_window_minutes: e.late_cancel_window_minutes.map_or(-1, i64::from),
            created_at: ts(&e.created_at),
            updated_at: ts(&e.updated_at),
        }
    }
}

/// A session. `start`/`end` are seconds since the Unix epoch; `local_start` is the
/// wall-clock start in the session's zone ("YYYY-MM-DD HH:MM").
#[repr(C)]
pub struct CoachingSession {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub engagement_id: *const c_char,
    pub coach_id: *const c_char,
    pub client_id: *const c_char,
    pub start: i64,
    pub end: i64,
    pub minutes: i64,
    pub time_zone: *const c_char,
    pub local_start: *const c_char,
    pub location_kind: CoachingLocationKind,
    pub location_value: *const c_char,
    /// Zoom and Skype only, else NULL.
    pub join_url: *const c_char,
    pub status: CoachingSessionStatus,
    pub cancelled_by_kind: CoachingActorKind,
    pub cancelled_by_id: *const c_char,
    pub cancel_reason: *const c_char,
    pub created_by_kind: CoachingActorKind,
    pub created_by_id: *const c_char,
    pub created_at: i64,
    pub updated_at: i64,
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

impl View for CoachingSession {
    type From = core::Session;
    fn build(x: &core::Session, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        let (cbk, cbi) = actor_parts(x.cancelled_by.as_ref(), s);
        let (crk, cri) = actor_parts(Some(&x.created_by), s);
        CoachingSession {
            id: s.id(x.id),
            practice_id: s.id(x.practice_id),
            engagement_id: s.id(x.engagement_id),
            coach_id: s.id(x.coach_id),
            client_id: s.id(x.client_id),
            start: ts(&x.start),
            end: ts(&x.end),
            minutes: x.minutes(),
            time_zone: s.s(x.time_zone.name()),
            local_start: s.s(&x.local_start().format("%Y-%m-%d %H:%M").to_string()),
            location_kind: location_kind(&x.location),
            location_value: s.s(x.location.value()),
            join_url: s.o(x.location.join_url()),
            status: x.status.into(),
            cancelled_by_kind: cbk,
            cancelled_by_id: cbi,
            cancel_reason: s.o(x.cancel_reason.as_deref()),
            created_by_kind: crk,
            created_by_id: cri,
            created_at: ts(&x.created_at),
            updated_at: ts(&x.updated_at),
        }
    }
}

/// A session with the names a dashboard shows.
#[repr(C)]
pub struct CoachingSessionLine {
    pub session: CoachingSession,
    pub coach_name: *const c_char,
    pub client_name: *const c_char,
    pub program_name: *const c_char,
}

impl View for CoachingSessionLine {
    type From = core::SessionLine;
    fn build(l: &core::SessionLine, s: &mut Strings, n: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingSessionLine {
            session: CoachingSession::build(&l.session, s, n),
            coach_name: s.s(&l.coach_name),
            client_name: s.s(&l.client_name),
            program_name: s.o(l.program_name.as_deref()),
        }
    }
}

/// One activity-log entry. `action` and `target_kind` are stable snake_case names.
#[repr(C)]
pub struct CoachingLogEntry {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    /// NULL for practice-level entries.
    pub engagement_id: *const c_char,
    pub at: i64,
    pub actor_kind: CoachingActorKind,
    pub actor_id: *const c_char,
    pub action: *const c_char,
    pub target_kind: *const c_char,
    pub target_id: *const c_char,
    pub detail: *const c_char,
}

impl View for CoachingLogEntry {
    type From = core::LogEntry;
    fn build(l: &core::LogEntry, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        let (ak, ai) = actor_parts(Some(&l.actor), s);
        CoachingLogEntry {
            id: s.id(l.id),
            practice_id: s.id(l.practice_id),
            engagement_id: s.oid(l.engagement_id),
            at: ts(&l.at),
            actor_kind: ak,
            actor_id: ai,
            action: s.s(l.action.as_str()),
            target_kind: s.s(l.target.kind.as_str()),
            target_id: s.id(l.target.id),
            detail: s.o(l.detail.as_deref()),
        }
    }
}

/// A note. `body_html` is sanitised; `body_text` is its plain text.
#[repr(C)]
pub struct CoachingNote {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub engagement_id: *const c_char,
    pub title: *const c_char,
    pub body_html: *const c_char,
    pub body_text: *const c_char,
    pub position: u32,
    pub shared: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl View for CoachingNote {
    type From = core::Note;
    fn build(n: &core::Note, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingNote {
            id: s.id(n.id),
            practice_id: s.id(n.practice_id),
            engagement_id: s.id(n.engagement_id),
            title: s.s(&n.title),
            body_html: s.s(&n.body_html),
            body_text: s.s(&n.body_text),
            position: n.position,
            shared: n.shared,
            created_at: ts(&n.created_at),
            updated_at: ts(&n.updated_at),
        }
    }
}

/// A search hit: the note, a snippet (safe HTML with `<mark>`, NULL without keywords), the
/// rank (higher is better).
#[repr(C)]
pub struct CoachingNoteHit {
    pub note: CoachingNote,
    pub snippet_html: *const c_char,
    pub rank: f64,
}

impl View for CoachingNoteHit {
    type From = core::NoteHit;
    fn build(h: &core::NoteHit, s: &mut Strings, n: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingNoteHit {
            note: CoachingNote::build(&h.note, s, n),
            snippet_html: s.o(h.snippet_html.as_deref()),
            rank: h.rank,
        }
    }
}

/// A milestone of a goal.
#[repr(C)]
pub struct CoachingMilestone {
    pub id: *const c_char,
    pub goal_id: *const c_char,
    pub engagement_id: *const c_char,
    pub name: *const c_char,
    pub due_date: *const c_char,
    pub done: bool,
    pub position: u32,
}

impl View for CoachingMilestone {
    type From = core::Milestone;
    fn build(m: &core::Milestone, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingMilestone {
            id: s.id(m.id),
            goal_id: s.id(m.goal_id),
            engagement_id: s.id(m.engagement_id),
            name: s.s(&m.name),
            due_date: s.date(m.due_date),
            done: m.done,
            position: m.position,
        }
    }
}

/// A goal with its milestones (`milestones[0..milestone_count]`, owned by the goal).
#[repr(C)]
pub struct CoachingGoal {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub engagement_id: *const c_char,
    pub name: *const c_char,
    pub description: *const c_char,
    pub due_date: *const c_char,
    pub status: CoachingGoalStatus,
    pub created_by_kind: CoachingActorKind,
    pub created_by_id: *const c_char,
    pub created_at: i64,
    pub updated_at: i64,
    pub milestones: *const CoachingMilestone,
    pub milestone_count: usize,
}

impl View for CoachingGoal {
    type From = core::GoalWithMilestones;
    fn build(g: &core::GoalWithMilestones, s: &mut Strings, n: &mut Vec<Box<dyn Any>>) -> Self {
        let ms: Vec<CoachingMilestone> = g
            .milestones
            .iter()
            .map(|m| CoachingMilestone::build(m, s, n))
            .collect();
        let (milestones, milestone_count) = (ms.as_ptr(), ms.len());
        n.push(Box::new(ms));
        let goal = &g.goal;
        let (ck, ci) = actor_parts(Some(&goal.created_by), s);
        CoachingGoal {
            id: s.id(goal.id),
            practice_id: s.id(goal.practice_id),
            engagement_id: s.id(goal.engagement_id),
            name: s.s(&goal.name),
            description: s.o(goal.description.as_deref()),
            due_date: s.date(goal.due_date),
            status: goal.status.into(),
            created_by_kind: ck,
            created_by_id: ci,
            created_at: ts(&goal.created_at),
            updated_at: ts(&goal.updated_at),
            milestones,
            milestone_count,
        }
    }
}

/// A file of an assignment.
#[repr(C)]
pub struct CoachingAssignmentFile {
    pub id: *const c_char,
    pub assignment_id: *const c_char,
    pub resource_id: *const c_char,
    pub message: *const c_char,
    pub added_at: i64,
}

impl View for CoachingAssignmentFile {
    type From = core::AssignmentFile;
    fn build(f: &core::AssignmentFile, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingAssignmentFile {
            id: s.id(f.id),
            assignment_id: s.id(f.assignment_id),
            resource_id: s.id(f.resource_id),
            message: s.o(f.message.as_deref()),
            added_at: ts(&f.added_at),
        }
    }
}

/// An assignment with its files (`files[0..file_count]`, owned by the assignment).
#[repr(C)]
pub struct CoachingAssignment {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub engagement_id: *const c_char,
    pub name: *const c_char,
    pub description: *const c_char,
    pub due_date: *const c_char,
    pub status: CoachingAssignmentStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub files: *const CoachingAssignmentFile,
    pub file_count: usize,
}

impl View for CoachingAssignment {
    type From = core::AssignmentWithFiles;
    fn build(a: &core::AssignmentWithFiles, s: &mut Strings, n: &mut Vec<Box<dyn Any>>) -> Self {
        let fs: Vec<CoachingAssignmentFile> = a
            .files
            .iter()
            .map(|f| CoachingAssignmentFile::build(f, s, n))
            .collect();
        let (files, file_count) = (fs.as_ptr(), fs.len());
        n.push(Box::new(fs));
        let x = &a.assignment;
        CoachingAssignment {
            id: s.id(x.id),
            practice_id: s.id(x.practice_id),
            engagement_id: s.id(x.engagement_id),
            name: s.s(&x.name),
            description: s.o(x.description.as_deref()),
            due_date: s.date(x.due_date),
            status: x.status.into(),
            created_at: ts(&x.created_at),
            updated_at: ts(&x.updated_at),
            files,
            file_count,
        }
    }
}

/// A resource (folder, file or link).
#[repr(C)]
pub struct CoachingResource {
    pub id: *const c_char,
    pub practice_id: *const c_char,
    pub place: CoachingResourcePlace,
    /// The client (client library) or engagement (engagement upload), else NULL.
    pub place_id: *const c_char,
    pub parent_id: *const c_char,
    pub kind: CoachingResourceKind,
    pub name: *const c_char,
    pub media_type: *const c_char,
    /// -1 for folders and links.
    pub size: i64,
    pub sha256: *const c_char,
    pub url: *const c_char,
    pub added_by_kind: CoachingActorKind,
    pub added_by_id: *const c_char,
    pub shared_with_coach: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl View for CoachingResource {
    type From = core::Resource;
    fn build(r: &core::Resource, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        let (place, place_id) = match r.place {
            core::ResourcePlace::Library => (CoachingResourcePlace::Library, ptr::null()),
            core::ResourcePlace::ClientLibrary(c) => {
                (CoachingResourcePlace::ClientLibrary, s.id(c))
            }
            core::ResourcePlace::Engagement(e) => (CoachingResourcePlace::Engagement, s.id(e)),
        };
        let (ak, ai) = actor_parts(Some(&r.added_by), s);
        CoachingResource {
            id: s.id(r.id),
            practice_id: s.id(r.practice_id),
            place,
            place_id,
            parent_id: s.oid(r.parent_id),
            kind: r.kind.into(),
            name: s.s(&r.name),
            media_type: s.o(r.media_type.as_deref()),
            size: r.size.map_or(-1, |v| v as i64),
            sha256: s.o(r.sha256.as_deref()),
            url: s.o(r.url.as_deref()),
            added_by_kind: ak,
            added_by_id: ai,
            shared_with_coach: r.shared_with_coach,
            created_at: ts(&r.created_at),
            updated_at: ts(&r.updated_at),
        }
    }
}

/// A resource of an engagement's Resources page.
#[repr(C)]
pub struct CoachingEngagementResource {
    pub resource: CoachingResource,
    pub from_library: bool,
    pub shared_by_kind: CoachingActorKind,
    pub shared_by_id: *const c_char,
    pub shared_at: i64,
}

impl View for CoachingEngagementResource {
    type From = core::EngagementResource;
    fn build(r: &core::EngagementResource, s: &mut Strings, n: &mut Vec<Box<dyn Any>>) -> Self {
        let (k, i) = actor_parts(Some(&r.shared_by), s);
        CoachingEngagementResource {
            resource: CoachingResource::build(&r.resource, s, n),
            from_library: r.from_library,
            shared_by_kind: k,
            shared_by_id: i,
            shared_at: ts(&r.shared_at),
        }
    }
}

/// A comment. `target_kind` is "note", "goal" or "assignment".
#[repr(C)]
pub struct CoachingComment {
    pub id: *const c_char,
    pub engagement_id: *const c_char,
    pub target_kind: *const c_char,
    pub target_id: *const c_char,
    pub body_html: *const c_char,
    pub author_kind: CoachingActorKind,
    pub author_id: *const c_char,
    pub created_at: i64,
}

impl View for CoachingComment {
    type From = core::Comment;
    fn build(c: &core::Comment, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        let (k, i) = actor_parts(Some(&c.author), s);
        CoachingComment {
            id: s.id(c.id),
            engagement_id: s.id(c.engagement_id),
            target_kind: s.s(c.target.kind().as_str()),
            target_id: s.id(c.target.uuid()),
            body_html: s.s(&c.body_html),
            author_kind: k,
            author_id: i,
            created_at: ts(&c.created_at),
        }
    }
}

/// A program item.
#[repr(C)]
pub struct CoachingProgramItem {
    pub id: *const c_char,
    pub program_id: *const c_char,
    pub position: u32,
    pub kind: CoachingProgramItemKind,
    /// Goal and assignment items, else NULL.
    pub name: *const c_char,
    pub description: *const c_char,
    /// -1 if none.
    pub due_after_days: i64,
    /// Resource items, else NULL.
    pub resource_id: *const c_char,
}

impl View for CoachingProgramItem {
    type From = core::ProgramItem;
    fn build(i: &core::ProgramItem, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        let (kind, name, description, due, resource) = match &i.item {
            core::ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => (
                CoachingProgramItemKind::Goal,
                Some(name),
                description.as_deref(),
                *due_after_days,
                None,
            ),
            core::ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => (
                CoachingProgramItemKind::Assignment,
                Some(name),
                description.as_deref(),
                *due_after_days,
                None,
            ),
            core::ProgramItemKind::Resource { resource_id } => (
                CoachingProgramItemKind::Resource,
                None,
                None,
                None,
                Some(*resource_id),
            ),
        };
        CoachingProgramItem {
            id: s.id(i.id),
            program_id: s.id(i.program_id),
            position: i.position,
            kind,
            name: s.o(name.map(String::as_str)),
            description: s.o(description),
            due_after_days: due.map_or(-1, i64::from),
            resource_id: s.oid(resource),
        }
    }
}

/// One Client To-Do.
#[repr(C)]
pub struct CoachingTodo {
    pub kind: CoachingTodoKind,
    pub id: *const c_char,
    pub engagement_id: *const c_char,
    pub client_id: *const c_char,
    pub client_name: *const c_char,
    pub name: *const c_char,
    /// A milestone's goal, else NULL.
    pub goal_name: *const c_char,
    pub due_date: *const c_char,
    pub overdue: bool,
}

impl View for CoachingTodo {
    type From = core::TodoItem;
    fn build(t: &core::TodoItem, s: &mut Strings, _: &mut Vec<Box<dyn Any>>) -> Self {
        CoachingTodo {
            kind: t.kind.into(),
            id: s.id(t.id),
            engagement_id: s.id(t.engagement_id),
            client_id: s.id(t.client_id),
            client_name: s.s(&t.client_name),
            name: s.s(&t.name),
            goal_name: s.o(t.goal_name.as_deref()),
            due_date: s.date(t.due_date),
            overdue: t.overdue,
        }
    }
}

/// Releases a `CoachingPractice` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_practice_free(p: *mut CoachingPractice) {
    free_raw::<CoachingPractice>(p)
}

/// Item `index` of a list of `CoachingPractice`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_practice(
    list: *const CoachingList, index: usize,
) -> *const CoachingPractice {
    list_get::<CoachingPractice>(list, index)
}

/// Releases a `CoachingCoach` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_coach_free(p: *mut CoachingCoach) {
    free_raw::<CoachingCoach>(p)
}

/// Item `index` of a list of `CoachingCoach`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_coach(
    list: *const CoachingList, index: usize,
) -> *const CoachingCoach {
    list_get::<CoachingCoach>(list, index)
}

/// Releases a `CoachingClient` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_free(p: *mut CoachingClient) {
    free_raw::<CoachingClient>(p)
}

/// Item `index` of a list of `CoachingClient`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_client(
    list: *const CoachingList, index: usize,
) -> *const CoachingClient {
    list_get::<CoachingClient>(list, index)
}

/// Releases a `CoachingProgram` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_program_free(p: *mut CoachingProgram) {
    free_raw::<CoachingProgram>(p)
}

/// Item `index` of a list of `CoachingProgram`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_program(
    list: *const CoachingList, index: usize,
) -> *const CoachingProgram {
    list_get::<CoachingProgram>(list, index)
}

/// Releases a `CoachingEngagement` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement_free(p: *mut CoachingEngagement) {
    free_raw::<CoachingEngagement>(p)
}

/// Item `index` of a list of `CoachingEngagement`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_engagement(
    list: *const CoachingList, index: usize,
) -> *const CoachingEngagement {
    list_get::<CoachingEngagement>(list, index)
}

/// Releases a `CoachingSession` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_session_free(p: *mut CoachingSession) {
    free_raw::<CoachingSession>(p)
}

/// Item `index` of a list of `CoachingSession`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_session(
    list: *const CoachingList, index: usize,
) -> *const CoachingSession {
    list_get::<CoachingSession>(list, index)
}

/// Releases a `CoachingSessionLine` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_session_line_free(p: *mut CoachingSessionLine) {
    free_raw::<CoachingSessionLine>(p)
}

/// Item `index` of a list of `CoachingSessionLine`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_session_line(
    list: *const CoachingList, index: usize,
) -> *const CoachingSessionLine {
    list_get::<CoachingSessionLine>(list, index)
}

/// Releases a `CoachingLogEntry` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_log_entry_free(p: *mut CoachingLogEntry) {
    free_raw::<CoachingLogEntry>(p)
}

/// Item `index` of a list of `CoachingLogEntry`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_log_entry(
    list: *const CoachingList, index: usize,
) -> *const CoachingLogEntry {
    list_get::<CoachingLogEntry>(list, index)
}

/// Releases a `CoachingNote` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_note_free(p: *mut CoachingNote) {
    free_raw::<CoachingNote>(p)
}

/// Item `index` of a list of `CoachingNote`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_note(
    list: *const CoachingList, index: usize,
) -> *const CoachingNote {
    list_get::<CoachingNote>(list, index)
}

/// Releases a `CoachingNoteHit` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_note_hit_free(p: *mut CoachingNoteHit) {
    free_raw::<CoachingNoteHit>(p)
}

/// Item `index` of a list of `CoachingNoteHit`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_note_hit(
    list: *const CoachingList, index: usize,
) -> *const CoachingNoteHit {
    list_get::<CoachingNoteHit>(list, index)
}

/// Releases a `CoachingMilestone` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_milestone_free(p: *mut CoachingMilestone) {
    free_raw::<CoachingMilestone>(p)
}

/// Item `index` of a list of `CoachingMilestone`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_milestone(
    list: *const CoachingList, index: usize,
) -> *const CoachingMilestone {
    list_get::<CoachingMilestone>(list, index)
}

/// Releases a `CoachingGoal` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_goal_free(p: *mut CoachingGoal) {
    free_raw::<CoachingGoal>(p)
}

/// Item `index` of a list of `CoachingGoal`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_goal(
    list: *const CoachingList, index: usize,
) -> *const CoachingGoal {
    list_get::<CoachingGoal>(list, index)
}

/// Releases a `CoachingAssignmentFile` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_assignment_file_free(p: *mut CoachingAssignmentFile) {
    free_raw::<CoachingAssignmentFile>(p)
}

/// Item `index` of a list of `CoachingAssignmentFile`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_assignment_file(
    list: *const CoachingList, index: usize,
) -> *const CoachingAssignmentFile {
    list_get::<CoachingAssignmentFile>(list, index)
}

/// Releases a `CoachingAssignment` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_assignment_free(p: *mut CoachingAssignment) {
    free_raw::<CoachingAssignment>(p)
}

/// Item `index` of a list of `CoachingAssignment`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_assignment(
    list: *const CoachingList, index: usize,
) -> *const CoachingAssignment {
    list_get::<CoachingAssignment>(list, index)
}

/// Releases a `CoachingResource` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_resource_free(p: *mut CoachingResource) {
    free_raw::<CoachingResource>(p)
}

/// Item `index` of a list of `CoachingResource`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_resource(
    list: *const CoachingList, index: usize,
) -> *const CoachingResource {
    list_get::<CoachingResource>(list, index)
}

/// Releases a `CoachingEngagementResource` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement_resource_free(p: *mut CoachingEngagementResource) {
    free_raw::<CoachingEngagementResource>(p)
}

/// Item `index` of a list of `CoachingEngagementResource`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_engagement_resource(
    list: *const CoachingList, index: usize,
) -> *const CoachingEngagementResource {
    list_get::<CoachingEngagementResource>(list, index)
}

/// Releases a `CoachingComment` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_comment_free(p: *mut CoachingComment) {
    free_raw::<CoachingComment>(p)
}

/// Item `index` of a list of `CoachingComment`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_comment(
    list: *const CoachingList, index: usize,
) -> *const CoachingComment {
    list_get::<CoachingComment>(list, index)
}

/// Releases a `CoachingProgramItem` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_program_item_free(p: *mut CoachingProgramItem) {
    free_raw::<CoachingProgramItem>(p)
}

/// Item `index` of a list of `CoachingProgramItem`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_program_item(
    list: *const CoachingList, index: usize,
) -> *const CoachingProgramItem {
    list_get::<CoachingProgramItem>(list, index)
}

/// Releases a `CoachingTodo` (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_todo_free(p: *mut CoachingTodo) {
    free_raw::<CoachingTodo>(p)
}

/// Item `index` of a list of `CoachingTodo`, or NULL (another type, out of range). Owned by the list.
#[no_mangle]
pub unsafe extern "C" fn coaching_list_todo(
    list: *const CoachingList, index: usize,
) -> *const CoachingTodo {
    list_get::<CoachingTodo>(list, index)
}
