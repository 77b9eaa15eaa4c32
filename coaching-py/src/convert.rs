//! Conversions shared by every Python method: core errors to their exception classes, ids,
//! aware datetimes, enum members or names, counts and hours, `update_*` changes.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use coaching_core as core;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDateTime, PyDict, PyTzInfoAccess};

use crate::*;

/// Converts a core error into its exception, with attributes.
pub(crate) fn err(e: core::Error) -> PyErr {
    Python::attach(|py| {
        let msg = e.to_string();
        let (pe, attrs): (PyErr, Vec<(&str, Py<PyAny>)>) = match &e {
            core::Error::NotFound { kind, id } => (
                NotFoundError::new_err(msg),
                vec![
                    (
                        "kind",
                        kind.as_str().into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    ("id", id.into_pyobject(py).unwrap().into_any().unbind()),
                ],
            ),
            core::Error::PermissionDenied { reason } => (
                PermissionDeniedError::new_err(msg),
                vec![(
                    "reason",
                    reason.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::InvalidTransition { from, to } => (
                InvalidTransitionError::new_err(msg),
                vec![
                    ("from_status", enum_value(py, "Status", from.as_str())),
                    ("to_status", enum_value(py, "Status", to.as_str())),
                ],
            ),
            core::Error::InvalidSessionTransition { from, to } => (
                InvalidSessionTransitionError::new_err(msg),
                vec![
                    (
                        "from_status",
                        enum_value(py, "SessionStatus", from.as_str()),
                    ),
                    ("to_status", enum_value(py, "SessionStatus", to.as_str())),
                ],
            ),
            core::Error::EngagementNotActive { status } => (
                EngagementNotActiveError::new_err(msg),
                vec![("status", enum_value(py, "Status", status.as_str()))],
            ),
            core::Error::NoPortal { client } => (
                NoPortalError::new_err(msg),
                vec![(
                    "client_id",
                    client.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::FileTooLarge { size, limit } => (
                FileTooLargeError::new_err(msg),
                vec![
                    ("size", size.into_pyobject(py).unwrap().into_any().unbind()),
                    (
                        "limit",
                        limit.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::PlanLimitReached {
                kind,
                limit,
                current,
            } => (
                PlanLimitError::new_err(msg),
                vec![
                    (
                        "what",
                        kind.as_str().into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "limit",
                        limit.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "current",
                        current.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::MissingFields { fields } => (
                MissingFieldsError::new_err(msg),
                vec![(
                    "missing",
                    fields
                        .clone()
                        .into_pyobject(py)
                        .unwrap()
                        .into_any()
                        .unbind(),
                )],
            ),
            core::Error::Validation { field, reason } => (
                ValidationError::new_err(msg),
                vec![
                    (
                        "field",
                        field.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "reason",
                        reason.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::Conflict { reason } => (
                ConflictError::new_err(msg),
                vec![(
                    "reason",
                    reason.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::SchemaTooNew { found, supported } => (
                SchemaTooNewError::new_err(msg),
                vec![
                    (
                        "found",
                        found.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "supported",
                        supported.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::Storage { message } => (
                StorageError::new_err(msg),
                vec![(
                    "message",
                    message.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::NotCoachingFile { path, reason } => (
                NotCoachingFileError::new_err(msg),
                vec![
                    ("path", path.into_pyobject(py).unwrap().into_any().unbind()),
                    (
                        "reason",
                        reason.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
        };
        let value = pe.value(py);
        for (k, v) in attrs {
            let _ = value.setattr(k, v);
        }
        pe
    })
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

/// An enum argument: a member of the Python enum or its name.
pub(crate) fn enum_arg<T: Copy>(v: &str, values: &[(&str, T)], field: &str) -> PyResult<T> {
    values
        .iter()
        .find(|(n, _)| *n == v)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            invalid(
                field,
                format!(
                    "`{v}` is not one of {}",
                    values
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
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

pub(crate) fn opt_instant(
    v: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<DateTime<Utc>>> {
    v.filter(|v| !v.is_none())
        .map(|v| instant(v, name))
        .transpose()
}

pub(crate) fn planned(
    sessions: Option<u32>,
    hours: Option<f64>,
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

pub(crate) const STATUSES: [(&str, core::Status); 4] = [
    ("draft", core::Status::Draft),
    ("active", core::Status::Active),
    ("inactive", core::Status::Inactive),
    ("completed", core::Status::Completed),
];

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
        &self,
        key: &str,
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
    name: String,
    data: Option<Vec<u8>>,
    media_type: &str,
    url: Option<String>,
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

pub(crate) fn comment_target(on: &str, target_id: &str) -> PyResult<core::CommentTarget> {
    Ok(match on {
        "note" => core::CommentTarget::Note(id(target_id)?),
        "goal" => core::CommentTarget::Goal(id(target_id)?),
        "assignment" => core::CommentTarget::Assignment(id(target_id)?),
        other => {
            return Err(invalid(
                "on",
                format!("`{other}` is not note, goal or assignment"),
            ))
        }
    })
}
