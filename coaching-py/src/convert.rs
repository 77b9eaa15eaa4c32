//! Conversions shared by every Python method: core errors to their exception classes, ids,
//! aware datetimes, enum members or names, counts and hours, `update_*` changes.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use coaching_core as core;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;

pub(crate) use crate::enums::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDateTime, PyDict, PyTzInfoAccess};

/// A Python value for an exception attribute.
fn v<'py, T: IntoPyObject<'py>>(py: Python<'py>, x: T) -> Py<PyAny> {
    x.into_bound_py_any(py)
        .map_or_else(|_| py.None(), Bound::unbind)
}

/// Converts a core error into its exception (a class of `coaching._errors`), with the core
/// error's fields as attributes.
pub(crate) fn err(e: core::Error) -> PyErr {
    use core::Error as E;
    Python::attach(|py| {
        let st = |s: &core::Status| enum_value(py, "Status", s.as_str());
        let sst = |s: &core::SessionStatus| enum_value(py, "SessionStatus", s.as_str());
        let (class, attrs): (&str, Vec<(&str, Py<PyAny>)>) = match &e {
            E::NotFound { kind, id } => (
                "NotFoundError",
                vec![("kind", v(py, kind.as_str())), ("id", v(py, id))],
            ),
            E::PermissionDenied { reason } => {
                ("PermissionDeniedError", vec![("reason", v(py, reason))])
            }
            E::InvalidTransition { from, to } => (
                "InvalidTransitionError",
                vec![("from_status", st(from)), ("to_status", st(to))],
            ),
            E::InvalidSessionTransition { from, to } => (
                "InvalidSessionTransitionError",
                vec![("from_status", sst(from)), ("to_status", sst(to))],
            ),
            E::EngagementNotActive { status } => {
                ("EngagementNotActiveError", vec![("status", st(status))])
            }
            E::NoPortal { client } => (
                "NoPortalError",
                vec![("client_id", v(py, client.to_string()))],
            ),
            E::FileTooLarge { size, limit } => (
                "FileTooLargeError",
                vec![("size", v(py, size)), ("limit", v(py, limit))],
            ),
            E::PlanLimitReached {
                kind,
                limit,
                current,
            } => (
                "PlanLimitError",
                vec![
                    ("what", v(py, kind.as_str())),
                    ("limit", v(py, limit)),
                    ("current", v(py, current)),
                ],
            ),
            E::MissingFields { fields } => (
                "MissingFieldsError",
                vec![("missing", v(py, fields.clone()))],
            ),
            E::Validation { field, reason } => (
                "ValidationError",
                vec![("field", v(py, field)), ("reason", v(py, reason))],
            ),
            E::Conflict { reason } => ("ConflictError", vec![("reason", v(py, reason))]),
            E::SchemaTooNew { found, supported } => (
                "SchemaTooNewError",
                vec![("found", v(py, found)), ("supported", v(py, supported))],
            ),
            E::Storage { message } => ("StorageError", vec![("message", v(py, message))]),
            E::NotCoachingFile { path, reason } => (
                "NotCoachingFileError",
                vec![("path", v(py, path)), ("reason", v(py, reason))],
            ),
            E::Connection { server, reason } => (
                "DatabaseConnectionError",
                vec![("server", v(py, server)), ("reason", v(py, reason))],
            ),
            E::OutsideAvailability { start } => {
                ("OutsideAvailabilityError", vec![("start", v(py, *start))])
            }
            E::NoticeTooShort {
                notice_minutes,
                minutes_ahead,
            } => (
                "NoticeTooShortError",
                vec![
                    ("notice_minutes", v(py, notice_minutes)),
                    ("minutes_ahead", v(py, minutes_ahead)),
                ],
            ),
            E::BeyondHorizon {
                horizon_days,
                days_ahead,
            } => (
                "BeyondHorizonError",
                vec![
                    ("horizon_days", v(py, horizon_days)),
                    ("days_ahead", v(py, days_ahead)),
                ],
            ),
            E::AllocationUsedUp {
                unit,
                planned,
                used,
                scheduled,
            } => (
                "AllocationUsedUpError",
                vec![
                    ("unit", enum_value(py, "ProgressUnit", unit.as_str())),
                    ("planned", v(py, planned)),
                    ("used", v(py, used)),
                    ("scheduled", v(py, scheduled)),
                ],
            ),
            // A variant newer than this layer: a storage error with its message.
            other => ("StorageError", vec![("message", v(py, other.to_string()))]),
        };
        raise(py, class, e.to_string(), attrs)
    })
}

/// An instance of the exception class `class` of `coaching._errors`, with attributes.
fn raise(py: Python<'_>, class: &str, msg: String, attrs: Vec<(&str, Py<PyAny>)>) -> PyErr {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let made = ERRORS
        .get_or_try_init(py, || py.import("coaching._errors").map(Bound::unbind))
        .and_then(|m| m.bind(py).getattr(class)?.call1((msg,)));
    match made {
        Ok(exc) => {
            for (k, val) in attrs {
                let _ = exc.setattr(k, val);
            }
            PyErr::from_value(exc)
        }
        Err(e) => e,
    }
}

/// A validation error raised by the binding itself (same class and attributes as the core's).
pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> PyErr {
    err(core::Error::Validation {
        field: field.into(),
        reason: reason.into(),
    })
}

/// A member of one of the enums of `coaching._enums`.
pub(crate) fn enum_value(py: Python<'_>, class: &str, value: &str) -> Py<PyAny> {
    // The members are looked up once and kept: a getter returns the cached member.
    type Members = std::sync::Mutex<std::collections::HashMap<(String, String), Py<PyAny>>>;
    static MEMBERS: PyOnceLock<Members> = PyOnceLock::new();
    let members = MEMBERS.get_or_init(py, Default::default);
    let class = class.rsplit('.').next().unwrap_or(class);
    let key = (class.to_string(), value.to_string());
    if let Some(m) = members.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return m.clone_ref(py);
    }
    static ENUMS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = ENUMS.get_or_try_init(py, || py.import("coaching._enums").map(Bound::unbind));
    match module.and_then(|m| {
        m.bind(py)
            .getattr(class)?
            .call1((value,))
            .map(Bound::unbind)
    }) {
        Ok(member) => {
            members
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(key, member.clone_ref(py));
            member
        }
        Err(_) => value.into_pyobject(py).unwrap().into_any().unbind(),
    }
}

/// An id argument.
pub(crate) fn id<T: FromStr<Err = core::Error>>(s: &str) -> PyResult<T> {
    s.parse::<T>().map_err(err)
}

pub(crate) fn opt_id<T: FromStr<Err = core::Error>>(s: Option<&str>) -> PyResult<Option<T>> {
    s.map(id).transpose()
}

/// A non-negative integer argument. Python ints out of the type's range (negative, or too
/// large) raise `ValueError` naming the range, not the `OverflowError` of a C conversion.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Count<T>(pub T);

macro_rules! count_from_python {
    ($($t:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for Count<$t> {
            type Error = PyErr;
            fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                obj.extract::<$t>().map(Count).map_err(|e| out_of_range(obj.py(), e, <$t>::MAX as u128))
            }
        }
    )*};
}
count_from_python!(u32, u64);

/// A count shown as a default value (in the generated stubs).
impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Count<T> {
    type Target = T::Target;
    type Output = T::Output;
    type Error = T::Error;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        self.0.into_pyobject(py)
    }
}

/// A float argument (hours): an int too large for a float raises `ValueError`, not
/// `OverflowError`; NaN and infinities are the core's to refuse.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Real(pub f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Real {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.extract::<f64>().map(Real).map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(obj.py()) {
                pyo3::exceptions::PyValueError::new_err(
                    "out of range: too large for a number of hours",
                )
            } else {
                e
            }
        })
    }
}

/// An `OverflowError` from converting a Python int or float becomes a `ValueError`.
pub(crate) fn out_of_range(py: Python<'_>, e: PyErr, max: u128) -> PyErr {
    if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) {
        pyo3::exceptions::PyValueError::new_err(format!(
            "out of range: must be between 0 and {max}"
        ))
    } else {
        e
    }
}

/// A timezone-aware datetime argument, as UTC. Naive datetimes are refused.
pub(crate) fn instant(v: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<Utc>> {
    let dt = v.cast::<PyDateTime>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name}: expected a datetime.datetime, got {}",
            v.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    if dt.get_tzinfo().is_none() {
        return Err(PyTypeError::new_err(format!(
            "{name}: naive datetime {}; pass a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)",
            dt.str().map(|s| s.to_string()).unwrap_or_default()
        )));
    }
    // Any tzinfo (zoneinfo included): let Python convert to UTC, then read the fixed offset.
    // An aware datetime whose UTC instant falls outside Python's years 1–9999 overflows here:
    // the same validation error the core gives for an instant out of its range.
    let utc = dt
        .call_method1("astimezone", (pyo3::types::PyTzInfo::utc(v.py())?,))
        .map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(v.py()) {
                invalid(
                    name,
                    "outside the supported instants (1900-01-01 to 9998-12-31, UTC)",
                )
            } else {
                e
            }
        })?;
    let fixed: DateTime<FixedOffset> = utc.extract()?;
    Ok(fixed.with_timezone(&Utc))
}

pub(crate) fn planned(
    sessions: Option<u32>, hours: Option<f64>,
) -> PyResult<Option<core::Planned>> {
    match (sessions, hours) {
        (Some(_), Some(_)) => Err(invalid(
            "planned",
            "give planned_sessions or planned_hours, not both",
        )),
        (Some(s), None) => Ok(Some(core::Planned::sessions(s))),
        (None, Some(h)) => core::Planned::from_hours(h).map(Some).map_err(err),
        (None, None) => Ok(None),
    }
}

pub(crate) fn minutes(d: Option<TimeDelta>, field: &str) -> PyResult<Option<u32>> {
    d.map(|d| {
        u32::try_from(d.num_minutes()).map_err(|_| invalid(field, "must be a positive duration"))
    })
    .transpose()
}

/// The changes of an `update_*` call: only the given keys change; `None` clears a field.
pub(crate) struct Changes<'py> {
    dict: Option<Bound<'py, PyDict>>,
}

impl<'py> Changes<'py> {
    pub(crate) fn new(dict: Option<Bound<'py, PyDict>>, allowed: &[&str]) -> PyResult<Self> {
        if let Some(d) = &dict {
            for k in d.keys() {
                let k: String = k.extract()?;
                if !allowed.contains(&k.as_str()) {
                    return Err(PyTypeError::new_err(format!(
                        "unexpected change `{k}`; allowed: {}",
                        allowed.join(", ")
                    )));
                }
            }
        }
        Ok(Changes { dict })
    }
    /// `None` if the key is absent, `Some(None)` if given as None, `Some(Some(v))` otherwise.
    pub(crate) fn get<T: for<'a> FromPyObject<'a, 'py>>(
        &self, key: &str,
    ) -> PyResult<Option<Option<T>>> {
        let Some(d) = &self.dict else { return Ok(None) };
        match d.get_item(key)? {
            None => Ok(None),
            Some(v) if v.is_none() => Ok(Some(None)),
            Some(v) => v.extract::<T>().map(|t| Some(Some(t))).map_err(|e| {
                let e: PyErr = e.into();
                // Only a wrong type is re-worded (with the key); any other error — a string a
                // Python str cannot encode (`UnicodeEncodeError`), a number out of range —
                // is the same error the same value gives as an argument of any other call.
                if e.is_instance_of::<PyTypeError>(v.py()) {
                    PyTypeError::new_err(format!("{key}: {e}"))
                } else {
                    crate::out_of_range(v.py(), e, u32::MAX as u128)
                }
            }),
        }
    }
    /// A change that cannot be cleared.
    pub(crate) fn set<T: for<'a> FromPyObject<'a, 'py>>(&self, key: &str) -> PyResult<Option<T>> {
        match self.get::<T>(key)? {
            Some(None) => Err(invalid(key, "cannot be cleared")),
            Some(Some(v)) => Ok(Some(v)),
            None => Ok(None),
        }
    }
}

pub(crate) fn new_resource(
    name: String, data: Option<Vec<u8>>, media_type: &str, url: Option<String>,
) -> PyResult<core::NewResource> {
    Ok(match (data, url) {
        (Some(bytes), None) => core::NewResource::File(core::NewFile {
            name,
            media_type: media_type.into(),
            bytes,
        }),
        (None, Some(url)) => core::NewResource::Link { name, url },
        (None, None) => core::NewResource::Folder { name },
        (Some(_), Some(_)) => {
            return Err(invalid(
                "resource",
                "give data (a file) or url (a link), not both",
            ))
        }
    })
}

pub(crate) fn comment_target(on: CommentOn, target_id: &str) -> PyResult<core::CommentTarget> {
    Ok(match on {
        CommentOn::Note => core::CommentTarget::Note(id(target_id)?),
        CommentOn::Goal => core::CommentTarget::Goal(id(target_id)?),
        CommentOn::Assignment => core::CommentTarget::Assignment(id(target_id)?),
    })
}

/// Type names for the generated stubs (`stub_gen`) of the argument types above and below.
macro_rules! stub_type {
    ($($t:ty => $name:literal $(import $m:literal)?),* $(,)?) => {$(
        impl pyo3_stub_gen::PyStubType for $t {
            fn type_output() -> pyo3_stub_gen::TypeInfo {
                #[allow(unused_mut)]
                let mut t = pyo3_stub_gen::TypeInfo::unqualified($name);
                $(t.import.insert($m.into());)?
                t
            }
        }
    )*};
}

stub_type! {
    Count<u32> => "int", Count<u64> => "int", Real => "float",
    Who => "Coach | Client | Actor",
    Dt<'_> => "datetime.datetime" import "datetime",
    Place<'_> => "Location",
}

/// The actor of an operation: a `Coach`, a `Client` or an `Actor`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Who(pub core::Actor);

impl<'a, 'py> FromPyObject<'a, 'py> for Who {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        crate::types::actor_arg(&obj).map(Who)
    }
}

/// An id argument: a string parsed into the core's id type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Id<T>(pub T);

impl<'a, 'py, T: FromStr<Err = core::Error>> FromPyObject<'a, 'py> for Id<T> {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        id(obj.extract::<&str>()?).map(Id)
    }
}

impl<T> pyo3_stub_gen::PyStubType for Id<T> {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        pyo3_stub_gen::TypeInfo::builtin("str")
    }
}

/// A datetime argument, read (and refused when naive) under its own name by [`Dt::utc`].
pub(crate) struct Dt<'py>(Bound<'py, PyAny>);

impl<'py> Dt<'py> {
    pub(crate) fn utc(&self, name: &str) -> PyResult<DateTime<Utc>> {
        instant(&self.0, name)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Dt<'py> {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Dt(obj.to_owned()))
    }
}

/// A location argument (a `Location`).
pub(crate) struct Place<'py>(Bound<'py, PyAny>);

impl<'py> Place<'py> {
    pub(crate) fn get(&self) -> PyResult<core::Location> {
        crate::types::location_arg(&self.0)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Place<'py> {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Place(obj.to_owned()))
    }
}

/// A custom field's value as Python has it: `str` (text or a choice), `float`, `bool` or
/// `datetime.date`.
#[derive(Debug, Clone)]
pub struct FieldVal(pub core::FieldValue);

impl<'py> IntoPyObject<'py> for &FieldVal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.0 {
            core::FieldValue::Text(s) | core::FieldValue::Choice(s) => s.into_bound_py_any(py),
            core::FieldValue::Number(n) => n.into_bound_py_any(py),
            core::FieldValue::Date(d) => d.into_bound_py_any(py),
            core::FieldValue::YesNo(b) => b.into_bound_py_any(py),
        }
    }
}

impl<'py> IntoPyObject<'py> for FieldVal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (&self).into_pyobject(py)
    }
}

impl<'py> FromPyObject<'_, 'py> for FieldVal {
    type Error = PyErr;
    fn extract(ob: pyo3::Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyString};
        Ok(FieldVal(if ob.is_instance_of::<PyBool>() {
            core::FieldValue::YesNo(ob.extract()?)
        } else if ob.is_instance_of::<PyInt>() || ob.is_instance_of::<PyFloat>() {
            core::FieldValue::Number(ob.extract()?)
        } else if ob.is_instance_of::<PyDateTime>() {
            return Err(PyTypeError::new_err("a date field takes a datetime.date, not a datetime"));
        } else if ob.is_instance_of::<PyDate>() {
            core::FieldValue::Date(ob.extract()?)
        } else if ob.is_instance_of::<PyString>() {
            core::FieldValue::Text(ob.extract()?)
        } else {
            return Err(PyTypeError::new_err(
                "a field value is a str, an int or float, a bool or a datetime.date",
            ));
        }))
    }
}

impl pyo3_stub_gen::PyStubType for FieldVal {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        let mut t = pyo3_stub_gen::TypeInfo::unqualified("str | float | bool | datetime.date");
        t.import.insert("datetime".into());
        t
    }
}

/// A form answer as Python holds it: `str` (text, a single choice), `list[str]` (multiple
/// choices), `int` (a scale), `datetime.date`.
#[derive(Debug, Clone)]
pub struct AnswerVal(pub core::Answer);

impl<'py> IntoPyObject<'py> for &AnswerVal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.0 {
            core::Answer::Text(s) | core::Answer::Choice(s) => s.into_bound_py_any(py),
            core::Answer::Choices(c) => c.into_bound_py_any(py),
            core::Answer::Scale(n) => n.into_bound_py_any(py),
            core::Answer::Date(d) => d.into_bound_py_any(py),
        }
    }
}

impl<'py> IntoPyObject<'py> for AnswerVal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (&self).into_pyobject(py)
    }
}

impl<'py> FromPyObject<'_, 'py> for AnswerVal {
    type Error = PyErr;
    fn extract(ob: pyo3::Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        use pyo3::types::{PyBool, PyDate, PyInt, PyList, PyString, PyTuple};
        Ok(AnswerVal(if ob.is_instance_of::<PyBool>() {
            return Err(PyTypeError::new_err("an answer is a str, a list of str, an int or a datetime.date, not a bool"));
        } else if ob.is_instance_of::<PyInt>() {
            let n: i64 = ob.extract()?;
            core::Answer::Scale(u32::try_from(n).map_err(|_| {
                crate::invalid("answers", format!("{n} is not on a scale"))
            })?)
        } else if ob.is_instance_of::<PyDateTime>() {
            return Err(PyTypeError::new_err("a date answer is a datetime.date, not a datetime"));
        } else if ob.is_instance_of::<PyDate>() {
            core::Answer::Date(ob.extract()?)
        } else if ob.is_instance_of::<PyString>() {
            core::Answer::Text(ob.extract()?)
        } else if ob.is_instance_of::<PyList>() || ob.is_instance_of::<PyTuple>() {
            core::Answer::Choices(ob.extract()?)
        } else {
            return Err(PyTypeError::new_err(
                "an answer is a str, a list of str, an int or a datetime.date",
            ));
        }))
    }
}

impl pyo3_stub_gen::PyStubType for AnswerVal {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        let mut t = pyo3_stub_gen::TypeInfo::unqualified("str | list[str] | int | datetime.date");
        t.import.insert("datetime".into());
        t
    }
}

/// A form question given to the library: a `Question` (from a template) or a dict with
/// `prompt`, `kind` (a `QuestionKind` or its value) and optionally `required`, `help`,
/// `choices`, `scale_max`.
#[derive(Debug, Clone)]
pub struct QuestionIn(pub core::Question);

impl<'py> FromPyObject<'_, 'py> for QuestionIn {
    type Error = PyErr;
    fn extract(ob: pyo3::Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(q) = ob.cast::<crate::types::Question>() {
            return q.get().core();
        }
        let d = ob
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err("a question is a Question or a dict"))?;
        const KEYS: [&str; 6] = ["prompt", "kind", "required", "help", "choices", "scale_max"];
        for k in d.keys() {
            let k: String = k.extract()?;
            if !KEYS.contains(&k.as_str()) {
                return Err(PyTypeError::new_err(format!(
                    "a question has no `{k}` (it has {})",
                    KEYS.join(", ")
                )));
            }
        }
        let get = |k: &str| d.get_item(k);
        let prompt: String = get("prompt")?
            .ok_or_else(|| PyTypeError::new_err("a question needs a `prompt`"))?
            .extract()?;
        let kind: Pick<core::QuestionKind> = get("kind")?
            .ok_or_else(|| PyTypeError::new_err("a question needs a `kind`"))?
            .extract()?;
        let opt = |k: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
            Ok(get(k)?.filter(|v| !v.is_none()))
        };
        Ok(QuestionIn(core::Question {
            prompt,
            kind: kind.get("kind")?,
            required: opt("required")?.map(|v| v.extract()).transpose()?.unwrap_or(false),
            help: opt("help")?.map(|v| v.extract()).transpose()?,
            choices: opt("choices")?.map(|v| v.extract()).transpose()?.unwrap_or_default(),
            scale_max: opt("scale_max")?.map(|v| v.extract::<Count<u32>>()).transpose()?.map(|c| c.0),
        }))
    }
}

impl pyo3_stub_gen::PyStubType for QuestionIn {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        let mut t = pyo3_stub_gen::TypeInfo::unqualified(
            "Question | typing.Mapping[str, typing.Any]",
        );
        t.import.insert("typing".into());
        t
    }
}
