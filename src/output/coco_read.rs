//! Streaming reads of `coco.json`: the `images`, `annotations` and `categories` arrays are
//! deserialised one element at a time and handed to a [`CocoVisitor`], so memory depends on
//! what the visitor keeps, not on the size of the file. Other keys are skipped unparsed, and
//! the keys may come in any order.

use std::fmt;
use std::io::Read;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

/// One entry of `categories`, with the fields every reader needs.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CategoryName {
    /// Category id.
    pub id: u32,
    /// Class name.
    pub name: String,
}

/// Receives the elements of `coco.json`'s arrays as they stream past.
///
/// `Image` and `Annotation` name the fields the reader wants; use
/// [`serde::de::IgnoredAny`] to only count elements.
pub trait CocoVisitor {
    /// What one entry of `images` is deserialised into.
    type Image: DeserializeOwned;
    /// What one entry of `annotations` is deserialised into.
    type Annotation: DeserializeOwned;

    /// Called for each entry of `images`, in file order.
    fn image(&mut self, image: Self::Image);
    /// Called for each entry of `annotations`, in file order.
    fn annotation(&mut self, annotation: Self::Annotation);
    /// Called for each entry of `categories`, in file order.
    fn category(&mut self, category: CategoryName);
}

/// Streams the COCO document in `reader` through `visitor`. The error carries serde's line and
/// column; the caller names the file.
pub fn stream_coco<R: Read, V: CocoVisitor>(
    reader: R,
    visitor: &mut V,
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    (&mut de).deserialize_map(TopLevel(visitor))?;
    de.end()
}

/// Visits the top-level object, routing each known key to the visitor.
struct TopLevel<'a, V>(&'a mut V);

impl<'de, V: CocoVisitor> Visitor<'de> for TopLevel<'_, V> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a COCO object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let visitor = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "images" => map.next_value_seed(Each::new(|i| visitor.image(i)))?,
                "annotations" => map.next_value_seed(Each::new(|a| visitor.annotation(a)))?,
                "categories" => map.next_value_seed(Each::new(|c| visitor.category(c)))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Deserialises a JSON array element by element, handing each to a callback.
struct Each<T, F> {
    /// Called with every element.
    f: F,
    /// The element type.
    element: PhantomData<T>,
}

impl<T, F: FnMut(T)> Each<T, F> {
    /// Calls `f` on each element.
    fn new(f: F) -> Self {
        Self {
            f,
            element: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T)> DeserializeSeed<'de> for Each<T, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T)> Visitor<'de> for Each<T, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            (self.f)(item);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts images, collects annotation image ids and category names.
    #[derive(Default)]
    struct Tally {
        images: usize,
        annotations: Vec<u64>,
        categories: Vec<CategoryName>,
    }

    /// The one annotation field the test reads.
    #[derive(Deserialize)]
    struct Ann {
        image_id: u64,
    }

    impl CocoVisitor for Tally {
        type Image = IgnoredAny;
        type Annotation = Ann;

        fn image(&mut self, _: IgnoredAny) {
            self.images += 1;
        }
        fn annotation(&mut self, a: Ann) {
            self.annotations.push(a.image_id);
        }
        fn category(&mut self, c: CategoryName) {
            self.categories.push(c);
        }
    }

    #[test]
    fn arrays_stream_in_any_key_order_and_other_keys_are_skipped() {
        let text = r#"{"annotations":[{"image_id":2,"bbox":[1]},{"image_id":1}],
            "info":{"x":[1,{"y":2}]},"images":[{"id":1},{"id":2},{"id":3}],
            "categories":[{"id":3,"name":"car","supercategory":"vehicle"}]}"#;
        let mut tally = Tally::default();
        stream_coco(text.as_bytes(), &mut tally).unwrap();
        assert_eq!(tally.images, 3);
        assert_eq!(tally.annotations, [2, 1]);
        let car = CategoryName {
            id: 3,
            name: "car".into(),
        };
        assert_eq!(tally.categories, [car]);
    }

    #[test]
    fn errors_carry_line_and_column() {
        let text = "{\"images\": [\n  {\"id\": 1},, ]}";
        let err = stream_coco(text.as_bytes(), &mut Tally::default()).unwrap_err();
        assert_eq!((err.line(), err.column()), (2, 13));
    }

    #[test]
    fn trailing_content_is_an_error() {
        let err = stream_coco(&b"{} {}"[..], &mut Tally::default()).unwrap_err();
        assert!(err.to_string().contains("trailing"), "{err}");
    }
}
