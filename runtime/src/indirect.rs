//! [`Indirect`]: a box that the compiler's drop check does not look through.
//!
//! A schema whose definitions form a long reference cycle (hundreds or thousands of types)
//! cannot be written with `Box<T>`: to check that dropping `A` is sound, rustc walks
//! `A → Box<B> → B → … ` around the whole cycle and gives up with
//! `E0320 overflow while adding drop-check rules` (raising `recursion_limit` by hand only
//! moves the limit). A trait object ends that walk, so the value is stored as
//! `Box<dyn Holder<T>>`.
//!
//! Debuginfo takes the same walk through generic arguments: with `Indirect<D1>` a debug
//! build describes D0, then D1, D2, ... and overflows rustc's stack on a cycle of about a
//! thousand types. So the type parameter is a *tag* naming the target instead of the
//! target itself: generated code declares `pub enum D1Ref {}` with
//! `impl Target for D1Ref { type T = D1; }` and uses `Indirect<D1Ref>`; debuginfo stops at
//! the tag. Everything else behaves like `Box<D1>`: it derefs to `D1`, and its serde,
//! `Clone`, `PartialEq`, `Debug` and `Validate` are `D1`'s.

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

/// Names the type an [`Indirect`] holds. Generated code implements it for an uninhabited
/// tag type per target (`enum D1Ref {}` → `type T = D1`).
///
/// ```
/// use json_structure_runtime::Target;
/// pub enum NameRef {}
/// impl Target for NameRef {
///     type T = String;
/// }
/// ```
pub trait Target: 'static {
    /// The type held.
    type T: Send + Sync + 'static;
}

/// A heap-allocated `K::T`, like `Box<K::T>`, that neither drop check nor debuginfo looks
/// through (see the module docs). Generated code uses it for references inside large
/// cycles of types.
///
/// ```
/// use json_structure_runtime::{Indirect, Target};
/// pub enum Text {}
/// impl Target for Text {
///     type T = String;
/// }
/// let mut x: Indirect<Text> = Indirect::new(String::from("a"));
/// x.push('b');
/// assert_eq!(*x, "ab");
/// assert_eq!(serde_json::to_string(&x).unwrap(), "\"ab\"");
/// let y: Indirect<Text> = serde_json::from_str("\"ab\"").unwrap();
/// assert_eq!(x, y);
/// assert_eq!(y.into_inner(), "ab");
/// ```
pub struct Indirect<K: Target> {
    inner: Box<dyn Holder<K::T>>,
}

impl<K: Target> Indirect<K> {
    /// Moves `value` to the heap.
    ///
    /// ```
    /// # pub enum N {} impl json_structure_runtime::Target for N { type T = i32; }
    /// let x: json_structure_runtime::Indirect<N> = json_structure_runtime::Indirect::new(5);
    /// assert_eq!(*x, 5);
    /// ```
    pub fn new(value: K::T) -> Self {
        Indirect {
            inner: Box::new(value),
        }
    }

    /// Takes the value back out.
    ///
    /// ```
    /// # pub enum N {} impl json_structure_runtime::Target for N { type T = Vec<i32>; }
    /// let x: json_structure_runtime::Indirect<N> = json_structure_runtime::Indirect::new(vec![1]);
    /// assert_eq!(x.into_inner(), vec![1]);
    /// ```
    pub fn into_inner(self) -> K::T {
        self.inner.into_inner()
    }
}

impl<K: Target> Deref for Indirect<K> {
    type Target = K::T;
    fn deref(&self) -> &K::T {
        (*self.inner).get()
    }
}

impl<K: Target> DerefMut for Indirect<K> {
    fn deref_mut(&mut self) -> &mut K::T {
        (*self.inner).get_mut()
    }
}

impl<K: Target> Clone for Indirect<K>
where
    K::T: Clone,
{
    fn clone(&self) -> Self {
        Indirect::new(K::T::clone(self))
    }
}

impl<K: Target> PartialEq for Indirect<K>
where
    K::T: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<K: Target> Eq for Indirect<K> where K::T: Eq {}

impl<K: Target> std::hash::Hash for Indirect<K>
where
    K::T: std::hash::Hash,
{
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<K: Target> fmt::Debug for Indirect<K>
where
    K::T: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<K: Target> Serialize for Indirect<K>
where
    K::T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, K: Target> Deserialize<'de> for Indirect<K>
where
    K::T: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        K::T::deserialize(deserializer).map(Indirect::new)
    }
}

impl<K: Target> crate::Validate for Indirect<K>
where
    K::T: crate::Validate,
{
    fn validate_into(&self, v: &mut crate::Validator) {
        (**self).validate_into(v);
    }
}
