//! Everything a coach and a client work on inside an engagement: notes, goals with
//! milestones, assignments with files, resources, comments, the client's journal, forms; program items that seed an
//! engagement; and the coach's Client To-Dos.

mod assignment;
mod comment;
mod due;
mod form;
mod goal;
mod journal;
mod note;
mod program_item;
mod resource;
mod todo;

pub use assignment::*;
pub use comment::*;
pub use due::*;
pub use form::*;
pub use goal::*;
pub use journal::*;
pub use note::*;
pub use program_item::*;
pub use resource::*;
pub use todo::*;

/// Two-state enums stored by name.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];
            /// Stable snake_case name, as stored, exported and reported by the bindings.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }
            /// Parses [`Self::as_str`]'s output; `None` for any other text.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$v),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use named_enum;
