//! Work side by side, on threads the caller lends: the library spawns none. The binary's
//! threads implement [`Parallel`]; [`InTurn`] runs the same jobs one after the other (the
//! library's default, and the tests').

/// Runs jobs side by side.
pub trait Parallel {
    /// How many jobs are worth making: the threads there are.
    fn threads(&self) -> usize;

    /// Runs every job, and gives their results in the jobs' order.
    fn run<'a, R: Send + 'a>(&self, jobs: Vec<Box<dyn FnOnce() -> R + Send + 'a>>) -> Vec<R>;
}

/// One job after the other, on the caller's thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct InTurn;

impl Parallel for InTurn {
    fn threads(&self) -> usize {
        1
    }

    fn run<'a, R: Send + 'a>(&self, jobs: Vec<Box<dyn FnOnce() -> R + Send + 'a>>) -> Vec<R> {
        jobs.into_iter().map(|job| job()).collect()
    }
}
