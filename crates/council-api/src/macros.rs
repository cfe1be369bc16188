//! The macro that turns the one list of commands ([`crate::commands`]) into everything that depends on
//! it: a plain Rust function per command (the CLI and tests may call them too), the dispatcher the
//! shell hands every IPC call to, and the catalogue from which the TypeScript client, the type
//! declarations, the capability's permissions and the shell's command names are generated. A command
//! in the list without a body does not compile; a name the list does not have is refused at run time.

use serde::de::DeserializeOwned;
use ts_rs::{Config, TS, TypeVisitor};

use crate::error::{ErrorCode, ErrorPayload};

/// The TypeScript type of something a command takes or answers with.
pub type TsType = fn(&Config) -> String;

/// One command as the generators see it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// The command's name as the window invokes it (`move_household`).
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Its arguments in order: the Rust name and the TypeScript type.
    pub args: &'static [(&'static str, TsType)],
    /// The TypeScript type of its answer.
    pub answer: TsType,
    /// Visits every type it takes and answers with (for the declarations).
    pub visit: fn(&mut Types),
}

/// The declarations of every type that crosses the IPC boundary, collected from the commands.
pub struct Types {
    cfg: Config,
    seen: std::collections::HashSet<std::any::TypeId>,
    /// `(name, declaration)` of every named type found, in the order found.
    pub declarations: Vec<(String, String)>,
}

impl Types {
    /// An empty collection, with 64-bit integers as TypeScript numbers (no value a council holds
    /// comes near 2^53).
    pub fn new() -> Self {
        Self {
            cfg: Config::new().with_large_int("number"),
            seen: std::collections::HashSet::new(),
            declarations: Vec::new(),
        }
    }

    /// The configuration the names and declarations are written with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Adds `T` and every type it refers to.
    pub fn add<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
    }
}

impl std::fmt::Debug for Types {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Types").field("declarations", &self.declarations.len()).finish_non_exhaustive()
    }
}

impl TypeVisitor for Types {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(std::any::TypeId::of::<T>()) {
            return;
        }
        // Named types (structs, enums, aliases) have a declaration; built-ins and wrappers
        // (`Option`, `Vec`, numbers) have none but may hold named ones.
        if T::output_path().is_some() {
            self.declarations.push((T::ident(&self.cfg), T::decl(&self.cfg)));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// Reads a command's arguments (a JSON object, or nothing for a command without any).
pub fn arguments<A: DeserializeOwned>(command: &str, args: serde_json::Value) -> Result<A, ErrorPayload> {
    let args = if args.is_null() { serde_json::Value::Object(Default::default()) } else { args };
    serde_json::from_value(args)
        .map_err(|e| crate::reply::internal(&format!("{command} was called with arguments it does not take: {e}")))
}

/// The answer to a name the list does not have.
pub fn unknown(name: &str) -> ErrorPayload {
    ErrorPayload::new(
        ErrorCode::NotFound,
        council_base::text::Text::new(
            format!("「{name}」という操作はありません。アプリを再起動してください。"),
            format!("There is no command “{name}”. Restart the app."),
        ),
    )
}

/// Declares the commands; see the module's documentation.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($cx:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $res:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            pub fn $name($cx: &$crate::Cx $(, $arg: $ty)*) -> ::std::result::Result<$res, $crate::ErrorPayload> $body
        )*

        /// Runs the command `name` with its arguments as the window sent them: a JSON object keyed by
        /// the arguments' names in camelCase (`fromDate`), as Tauri's own commands take them.
        pub fn dispatch(
            cx: &$crate::Cx,
            name: &str,
            args: ::serde_json::Value,
        ) -> ::std::result::Result<$crate::Reply, $crate::ErrorPayload> {
            match name {
                $(
                    stringify!($name) => {
                        #[derive(::serde::Deserialize)]
                        #[serde(rename_all = "camelCase")]
                        struct Args { $($arg: $ty,)* }
                        let Args { $($arg,)* } = $crate::macros::arguments(stringify!($name), args)?;
                        $crate::Reply::of($name(cx $(, $arg)*)?)
                    }
                )*
                _ => Err($crate::macros::unknown(name)),
            }
        }

        /// Every command with its arguments and answer, in the list's order.
        pub const COMMANDS: &[$crate::macros::Command] = &[
            $(
                $crate::macros::Command {
                    name: stringify!($name),
                    doc: concat!($($doc, "\n",)* ""),
                    args: &[$((stringify!($arg), <$ty as ::ts_rs::TS>::name)),*],
                    answer: <$res as ::ts_rs::TS>::name,
                    visit: |types| {
                        $(types.add::<$ty>();)*
                        types.add::<$res>();
                    },
                },
            )*
        ];
    };
}

pub(crate) use commands;
