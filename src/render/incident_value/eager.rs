//! A struct as templates see it with every value made up front: the map serde would make of it,
//! key by key and in the same order, found by a `match` on the key. For the items of a page's
//! lists (its actions, its timeline entries), whose every field the page reads once or more: a
//! [`LazyMap`](crate::render::lazy_map::LazyMap) would make each value on first use at the cost of
//! a lock, and serde's map finds a field by comparing its name with every field before it.

use std::fmt::Debug;
use std::marker::PhantomData;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

use crate::render::lazy_map::Fields;

/// The values of a [`Fields`] struct, in the order of its keys.
pub struct EagerMap<T> {
    values: Box<[Value]>,
    fields: PhantomData<fn() -> T>,
}

impl<T> Debug for EagerMap<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.values.iter()).finish()
    }
}

impl<T: Fields> EagerMap<T> {
    /// `fields` for templates, every value made now.
    pub fn value(fields: &T) -> Value {
        Value::from_object(EagerMap::<T> {
            values: (0..T::KEYS.len()).map(|n| fields.make(n)).collect(),
            fields: PhantomData,
        })
    }

    /// `items` as a list for templates, each an [`EagerMap`].
    pub fn list(items: &[T]) -> Value {
        items.iter().map(EagerMap::value).collect()
    }
}

impl<T: Fields> Object for EagerMap<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.values.get(T::index(key)?).cloned()
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
    use crate::render::lazy_map::lazy_fields;

    #[derive(Debug, Serialize)]
    struct Thing {
        name: String,
        size: Option<u32>,
        parts: Vec<String>,
    }

    lazy_fields! { Thing, t;
        0 "name" => Value::from(t.name.as_str()),
        1 "size" => Value::from(Serde(&t.size)),
        2 "parts" => Value::from(Serde(&t.parts)),
    }

    fn render(things: Value) -> String {
        let env = minijinja::Environment::new();
        let page = "{{ t|tojson }}|{% for x in t %}{% for k, v in x|items %}{{ k }}={{ v }};{% endfor %}\
                    {{ x|length }}{{ x.name }}{{ x['size'] }}{{ x.parts[1] }}{{ x.missing is defined }}\
                    {{ x[0] is defined }}{{ x.size is none }}|{% endfor %}";
        env.render_str(page, minijinja::context! { t => things })
            .expect("renders")
    }

    #[test]
    fn templates_see_the_structs_as_serde_would_show_them() {
        let things = [Some(3), None].map(|size| Thing {
            name: "<a>".into(),
            size,
            parts: vec!["x".into(), "y".into()],
        });
        let expected = render(Value::from(Serde(&things)));
        assert!(expected.contains("name=<a>;size=3;parts=["), "{expected}");
        assert_eq!(render(EagerMap::list(&things)), expected);
    }
}
