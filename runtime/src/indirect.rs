//! [`Indirect`]: a box that the compiler's drop check does not look through.
//!
//! A schema whose definitions form a long reference cycle (hundreds or thousands of types)
//! cannot be written with `Box<T>`: to check that dropping `A` is sound, rustc walks
//! `A → Box<B> → B → … ` around the whole cycle and gives up with
//! `E0320 overflow while adding drop-check rules` (raising `recursion_limit` by hand only
//! moves the limit). A trait object ends that walk, so `Indirect<T>` stores its value as
//! `Box<dyn Holder<T>>`. Everything else behaves like `Box<T>`: it derefs to `T`, and its
//! serde, `Clone`, `PartialEq`, `Debug` and `Validate` are `T`'s.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The object-safe view of a value of type `T` that [`Indirect`] stores.
trait Holder<T>: Send + Sync {
    fn get(&self) -> &T;
    fn get_mut(&mut self) -> &mut T;
    fn into_inner(self: Box<Self>) -> T;
}

impl<T: Send + Sync> Holder<T> for T {
    fn get(&self) -> &T {
        self
    }
    fn get_mut(&mut self) -> &mut T {
        self
    }
    fn into_inner(self: Box<Self>) -> T {
        *self
    }
}

/// A heap-allocated `T`, like `Box<T>`, that breaks drop-check recursion. Generated code
/// uses it for references inside large cycles of types.
///
/// ```
/// use json_structure_runtime::Indirect;
/// let mut x = Indirect::new(String::from("a"));
/// x.push('b');
/// assert_eq!(*x, "ab");
/// assert_eq!(serde_json::to_string(&x).unwrap(), "\"ab\"");
/// let y: Indirect<String> = serde_json::from_str("\"ab\"").unwrap();
/// assert_eq!(x, y);
/// assert_eq!(y.into_inner(), "ab");
/// ```
pub struct Indirect<T: 'static> {
    inner: Box<dyn Holder<T>>,
}

impl<T: Send + Sync + 'static> Indirect<T> {
    /// Moves `value` to the heap.
    ///
    /// ```
    /// let x = json_structure_runtime::Indirect::new(5);
    /// assert_eq!(*x, 5);
    /// ```
    pub fn new(value: T) -> Self {
        Indirect {
            inner: Box::new(value),
        }
    }

    /// Takes the value back out.
    ///
    /// ```
    /// let x = json_structure_runtime::Indirect::new(vec![1]);
    /// assert_eq!(x.into_inner(), vec![1]);
    /// ```
    pub fn into_inner(self) -> T {
        self.inner.into_inner()
    }
}

impl<T: 'static> Deref for Indirect<T> {
    type Target = T;
    fn deref(&self) -> &T {
        (*self.inner).get()
    }
}

impl<T: 'static> DerefMut for Indirect<T> {
    fn deref_mut(&mut self) -> &mut T {
        (*self.inner).get_mut()
    }
}

impl<T: Send + Sync + 'static> From<T> for Indirect<T> {
    fn from(value: T) -> Self {
        Indirect::new(value)
    }
}

impl<T: Clone + Send + Sync + 'static> Clone for Indirect<T> {
    fn clone(&self) -> Self {
        Indirect::new(T::clone(self))
    }
}

impl<T: PartialEq + 'static> PartialEq for Indirect<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq + 'static> Eq for Indirect<T> {}

impl<T: std::hash::Hash + 'static> std::hash::Hash for Indirect<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: fmt::Debug + 'static> fmt::Debug for Indirect<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Serialize + 'static> Serialize for Indirect<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de> + Send + Sync + 'static> Deserialize<'de> for Indirect<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Indirect::new)
    }
}

impl<T: crate::Validate + 'static> crate::Validate for Indirect<T> {
    fn validate_into(&self, v: &mut crate::Validator) {
        (**self).validate_into(v);
    }
}
