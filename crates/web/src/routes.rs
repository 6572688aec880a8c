//! The routes of an area, with the paths they answer kept beside them, so
//! that checks can walk every route the server has (the authorisation
//! matrix, extreme values) without anyone keeping a list by hand.

use axum::Router;
use axum::routing::MethodRouter;

use crate::state::AppState;

/// A router and the paths it was given.
#[derive(Default)]
pub(crate) struct Routes {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Routes {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// `Router::route`, remembering the path.
    pub(crate) fn route(mut self, path: &'static str, methods: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, methods);
        self.paths.push(path);
        self
    }

    /// `Router::merge`, with the other's paths.
    pub(crate) fn merge(mut self, other: Self) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    pub(crate) fn into_parts(self) -> (Router<AppState>, Vec<&'static str>) {
        (self.router, self.paths)
    }
}
