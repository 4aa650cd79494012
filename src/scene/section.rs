//! `section!`: declares a scene section once and derives from it a patch type whose every
//! field is optional, so condition sets can override any parameter by name.

/// Declares `pub struct $name` (every field defaulted, unknown fields refused) and
/// `pub struct $patch` with the same fields as `Option`s, plus `$patch::apply`.
macro_rules! section {
    (
        $(#[$meta:meta])*
        pub struct $name:ident / $patch:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $default:expr
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self { $( $field: $default, )* }
            }
        }

        #[doc = concat!("Overrides of [`", stringify!($name), "`] for one condition set: ",
            "each field given replaces the scene's.")]
        #[derive(Clone, Debug, Default, serde::Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct $patch {
            $(
                #[doc = concat!("Replaces `", stringify!($field), "`.")]
                pub $field: Option<$ty>,
            )*
        }

        impl $patch {
            /// Replaces every field of `base` that this patch sets.
            pub fn apply(&self, base: &mut $name) {
                $( if let Some(v) = &self.$field { base.$field = v.clone(); } )*
            }
        }
    };
}

pub(crate) use section;
