//! Paging of long lists.

/// Which page of a list to show. Pages count from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u64 = 200;
    pub const DEFAULT_PER_PAGE: u64 = 50;
    /// The last page anyone can ask for: far past any real list, and small
    /// enough that its offset fits every database's integers.
    pub const MAX_PAGE: u64 = 1_000_000;

    /// Clamps what a client asked for to sane bounds.
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Self {
        Self {
            page: page.unwrap_or(1).clamp(1, Self::MAX_PAGE),
            per_page: per_page
                .unwrap_or(Self::DEFAULT_PER_PAGE)
                .clamp(1, Self::MAX_PER_PAGE),
        }
    }
    pub fn offset(self) -> u64 {
        self.page.saturating_sub(1).saturating_mul(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(None, None)
    }
}

/// One page of results and the total count behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub request: PageRequest,
}

impl<T> Page<T> {
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.request.per_page).max(1)
    }
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            request: self.request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_and_counts_pages() {
        let r = PageRequest::new(Some(0), Some(10_000));
        assert_eq!(r.page, 1);
        assert_eq!(r.per_page, PageRequest::MAX_PER_PAGE);
        let p = Page {
            items: vec![1],
            total: 401,
            request: PageRequest::new(Some(3), Some(200)),
        };
        assert_eq!(p.pages(), 3);
        assert_eq!(p.request.offset(), 400);
        let empty: Page<u8> = Page {
            items: vec![],
            total: 0,
            request: PageRequest::default(),
        };
        assert_eq!(empty.pages(), 1);
        let far = PageRequest::new(Some(u64::MAX), Some(u64::MAX));
        assert_eq!(far.page, PageRequest::MAX_PAGE);
        assert!(i64::try_from(far.offset()).is_ok());
    }
}
