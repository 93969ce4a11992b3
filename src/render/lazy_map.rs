//! A struct as templates see it without serde making it up front: the map serde would make of it,
//! key by key and in the same order, but each value made only when a template first asks for it.
//! A value listed on many pages but read by one macro call or two costs its fields, not a map.

use std::fmt::Debug;
use std::sync::{Arc, OnceLock};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

/// A struct whose fields a [`LazyMap`] shows: best written with [`lazy_fields!`], from one table.
pub trait Fields: Debug + Send + Sync + 'static {
    /// Its keys as serde names them, in the order serde gives them (sorted for a struct with a
    /// flattened field, which serde makes a map).
    const KEYS: &'static [&'static str];

    /// The place of `key` in [`Fields::KEYS`].
    fn index(key: &str) -> Option<usize>;

    /// The value of the key at place `n` of [`Fields::KEYS`], as serde would make it.
    fn make(&self, n: usize) -> Value;
}

/// Implements [`Fields`] for `$ty` from one table of `place "key" => value` rows, in key order;
/// `$this` names the struct in the values.
macro_rules! lazy_fields {
    ($ty:ty, $this:ident; $($n:literal $key:literal => $make:expr,)*) => {
        impl $crate::render::lazy_map::Fields for $ty {
            const KEYS: &'static [&'static str] = &[$($key),*];

            fn index(key: &str) -> Option<usize> {
                match key {
                    $($key => Some($n),)*
                    _ => None,
                }
            }

            fn make(&self, n: usize) -> minijinja::Value {
                let $this = self;
                match n {
                    $($n => $make,)*
                    _ => minijinja::Value::UNDEFINED,
                }
            }
        }
    };
}
pub(crate) use lazy_fields;

/// `fields` as templates see it: a map of [`Fields::KEYS`], each value made on first use and kept.
#[derive(Debug)]
pub struct LazyMap<T> {
    fields: T,
    made: Box<[OnceLock<Value>]>,
}

impl<T: Fields> LazyMap<T> {
    /// `fields` for templates.
    pub fn value(fields: T) -> Value {
        Value::from_object(LazyMap {
            fields,
            made: T::KEYS.iter().map(|_| OnceLock::new()).collect(),
        })
    }
}

impl<T: Fields> Object for LazyMap<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let n = T::index(key)?;
        let made = self.made.get(n)?;
        Some(made.get_or_init(|| self.fields.make(n)).clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(T::KEYS)
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(T::KEYS.len())
    }
}

#[cfg(test)]
mod tests {
    use minijinja::value::Serde;
    use serde::Serialize;

    use super::*;

    #[derive(Debug, Serialize)]
    struct Thing {
        name: String,
        parts: Vec<String>,
        size: Option<u32>,
    }

    lazy_fields! { Thing, t;
        0 "name" => Value::from(t.name.as_str()),
        1 "parts" => Value::from(Serde(&t.parts)),
        2 "size" => Value::from(Serde(&t.size)),
    }

    fn render(thing: Value) -> String {
        let env = minijinja::Environment::new();
        let page = "{{ t|tojson }}|{% for k, v in t|items %}{{ k }}={{ v }};{% endfor %}|\
                    {{ t|length }}|{{ t.name }}{{ t['size'] }}{{ t.parts[1] }}|\
                    {{ t.missing is defined }}{{ t[0] is defined }}{{ t.size is none }}";
        env.render_str(page, minijinja::context! { t => thing })
            .expect("renders")
    }

    #[test]
    fn templates_see_the_struct_as_serde_would_show_it() {
        for size in [Some(3), None] {
            let thing = || Thing {
                name: "<a>".into(),
                parts: vec!["x".into(), "y".into()],
                size,
            };
            let expected = render(Value::from(Serde(thing())));
            assert!(expected.contains("name=<a>;parts=["), "{expected}");
            assert_eq!(render(LazyMap::value(thing())), expected);
        }
    }

    #[test]
    fn each_key_is_found_at_its_place_and_no_other_name_is() {
        assert!(Thing::KEYS.is_sorted());
        for (n, key) in Thing::KEYS.iter().enumerate() {
            assert_eq!(Thing::index(key), Some(n));
        }
        assert_eq!(Thing::index("Name"), None);
        assert_eq!(Thing::index(""), None);
    }
}
