//! The enums of `coaching._enums`, each defined once here: its Python name, its docstring and
//! its members, whose values are the core's own names (`as_str`). `coaching/_enums.py` builds
//! the `StrEnum` classes from [`enum_tables`] at import; `stub_gen` writes their stubs from it;
//! [`Pick`] reads an argument given as a member or its value.

use coaching_core as core;
use pyo3::prelude::*;

use crate::invalid;

/// One enum of `coaching._enums`.
pub struct EnumTable {
    pub name: &'static str,
    pub doc: &'static str,
    pub values: Vec<&'static str>,
}

/// A core enum exposed as one of the Python enums.
pub(crate) trait Named: Copy + 'static {
    const CLASS: &'static str;
    fn all() -> &'static [Self];
    fn label(self) -> &'static str;
}

macro_rules! py_enums {
    ($($(#[doc = $doc:literal])* $name:ident = $values:expr $(=> $core:ty)?;)*) => {
        /// Every enum of `coaching._enums`, in the order they are defined.
        pub fn enum_tables() -> Vec<EnumTable> {
            vec![$(EnumTable {
                name: stringify!($name),
                doc: concat!($($doc),*).trim_ascii(),
                values: $values.iter().map(|v| label(*v)).collect(),
            },)*]
        }
        $($(impl Named for $core {
            const CLASS: &'static str = stringify!($name);
            fn all() -> &'static [Self] { &$values }
            fn label(self) -> &'static str { self.as_str() }
        })?)*
    };
}

/// A member's value: the core's name for it, or a binding-level name.
fn label<T: Label>(v: T) -> &'static str {
    v.label()
}

trait Label {
    fn label(self) -> &'static str;
}

impl Label for &'static str {
    fn label(self) -> &'static str {
        self
    }
}

impl<T: Named> Label for T {
    fn label(self) -> &'static str {
        Named::label(self)
    }
}

/// An enum of the Python API with no core counterpart of its own (the core's value carries an
/// id, e.g. `CommentTarget::Note(id)`): what the argument names, before the id is read.
macro_rules! binding_enum {
    ($name:ident { $($v:ident = $s:literal),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name { $($v,)* }
        impl $name {
            pub(crate) const ALL: &'static [$name] = &[$($name::$v,)*];
            pub(crate) fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }
        }
    };
}

binding_enum!(CommentOn { Note = "note", Goal = "goal", Assignment = "assignment" });
binding_enum!(NoteScope { Engagement = "engagement", Client = "client", Practice = "practice" });

py_enums! {
    /// Engagement lifecycle status.
    Status = core::Status::ALL => core::Status;
    /// Display phase, derived from status and progress.
    Phase = core::Phase::ALL => core::Phase;
    /// Sessions, or hours (amounts in minutes).
    ProgressUnit = core::ProgressUnit::ALL => core::ProgressUnit;
    /// A session's status.
    SessionStatus = core::SessionStatus::ALL => core::SessionStatus;
    /// Upcoming or past sessions.
    SessionRange = core::SessionRange::ALL => core::SessionRange;
    /// Where a session takes place.
    LocationKind = ["phone", "in_person", "zoom", "skype", "other"];
    /// A goal's status.
    GoalStatus = core::GoalStatus::ALL => core::GoalStatus;
    /// The order of an overview page: by creation, client, coach or program name, start date
    /// or status (lifecycle order); missing values last.
    OverviewSort = core::OverviewSort::ALL => core::OverviewSort;
    /// How far ahead a goal looks: short-, mid- or long-term.
    GoalHorizon = core::GoalHorizon::ALL => core::GoalHorizon;
    /// What a custom field belongs to: engagements or clients.
    FieldEntity = core::FieldEntity::ALL => core::FieldEntity;
    /// The type of a custom field's values: text, number, date, choice or yes/no.
    FieldKind = core::FieldKind::ALL => core::FieldKind;
    /// What a form question asks for: short or long text, one or several of its choices, a
    /// number on a scale of 1 to N, or a date.
    QuestionKind = core::QuestionKind::ALL => core::QuestionKind;
    /// Where a sent form stands: open (being answered) or submitted.
    FormStatus = core::FormStatus::ALL => core::FormStatus;
    /// An assignment's status.
    AssignmentStatus = core::AssignmentStatus::ALL => core::AssignmentStatus;
    /// Folder, file or link.
    ResourceKind = core::ResourceKind::ALL => core::ResourceKind;
    /// Where a resource lives.
    ResourcePlace = ["library", "client_library", "engagement"];
    /// What a to-do is.
    TodoKind = core::TodoKind::ALL => core::TodoKind;
    /// What a reminder of `Coaching.due` is about: a session, a goal, a milestone, an
    /// assignment or a form.
    DueKind = core::DueKind::ALL => core::DueKind;
    /// Who acted.
    ActorKind = ["coach", "client", "system"];
    /// What a comment is on.
    CommentOn = CommentOn::ALL => CommentOn;
    /// Where a note search looks.
    NoteScope = NoteScope::ALL => NoteScope;
}

/// An enum argument: a member of the Python enum, or its value as a string; read under the
/// argument's name by [`Pick::get`].
#[derive(Debug, Clone)]
pub(crate) struct Pick<T>(String, std::marker::PhantomData<T>);

impl<T: Named> Pick<T> {
    /// A default value of an argument.
    pub(crate) fn named(v: &str) -> Self {
        Pick(v.to_string(), std::marker::PhantomData)
    }

    pub(crate) fn get(&self, field: &str) -> PyResult<T> {
        let v = self.0.as_str();
        T::all()
            .iter()
            .find(|t| t.label() == v)
            .copied()
            .ok_or_else(|| {
                let names: Vec<_> = T::all().iter().map(|t| t.label()).collect();
                invalid(field, format!("`{v}` is not one of {}", names.join(", ")))
            })
    }
}

impl<'a, 'py, T> FromPyObject<'a, 'py> for Pick<T> {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Pick(obj.extract()?, std::marker::PhantomData))
    }
}

/// A default value, shown in the generated stubs.
impl<'py, T> IntoPyObject<'py> for Pick<T> {
    type Target = pyo3::types::PyString;
    type Output = Bound<'py, Self::Target>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(pyo3::types::PyString::new(py, &self.0))
    }
}

impl<T: Named> pyo3_stub_gen::PyStubType for Pick<T> {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        let mut t = pyo3_stub_gen::TypeInfo::unqualified(&format!("_enums.{} | str", T::CLASS));
        t.import.insert("coaching._enums".into());
        t
    }
}
