//! Input and output plumbing shared by the subcommands: the reading options from the command
//! line, writing the output atomically, and printing input problems.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use std::io::IsTerminal;

use ocop::input::{self, Problems, ReadOptions, Reading, Source};
use ocop::l10n::Lang;
use ocop::parallel::Parallel;
use ocop::report::{self, Report, ReportOptions};
use ocop::warnings::Warning;

use super::UsageError;
use crate::cli::InputArgs;

/// Opens every input named (`-` or none: standard input) and reads them as one batch (see
/// [`input::read`]). `detail`: keep criterion means and members' section sums. A file that
/// cannot be opened is an input problem, like any other.
pub fn read_batch<'e>(
    edition: &'e ocop::criteria::Edition,
    args: &InputArgs,
    detail: bool,
) -> Result<Reading<'e>> {
    let opts = read_options(edition, args, detail)?;
    let stdin = [PathBuf::from("-")];
    let paths = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    if paths.iter().any(|p| p.as_os_str() == "-") && io::stdin().is_terminal() {
        eprintln!("ocop: {}", super::tr("hint-stdin"));
    }
    if let [path] = paths
        && let Some(reading) = read_in_parts(edition, path, &opts, Threads::from(args))
    {
        return Ok(reading);
    }
    let mut unopened = Vec::new();
    let sources: Vec<Source> = paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                return Source {
                    name: "<stdin>".into(),
                    reader: Box::new(io::stdin()),
                };
            }
            let name: std::sync::Arc<str> = p.display().to_string().into();
            match open_input(p) {
                Ok(f) => Source {
                    name,
                    reader: Box::new(f),
                },
                Err(e) => {
                    unopened.push((name.clone(), e));
                    Source {
                        name,
                        reader: Box::new(io::empty()),
                    }
                }
            }
        })
        .collect();
    let mut reading = input::read(edition, sources, &opts);
    if !unopened.is_empty() {
        let mut problems = match reading.result {
            Ok(_) => Problems::new(opts.max_errors),
            Err(p) => p,
        };
        for (name, e) in unopened {
            let index = reading
                .files
                .iter()
                .position(|f| f.name == name)
                .unwrap_or(0);
            problems.push(
                input::Loc::file(index, &name),
                None,
                "cannot_open",
                ocop::msg!("input-cannot-open", error = e.to_string()),
            );
        }
        reading.result = Err(problems);
    }
    Ok(reading)
}

/// Reads the inputs as one batch and scores it, as `ocop score` does. `None` when the input
/// had problems: they are listed on standard error with `what` (what became of the output).
pub fn score_inputs<'e>(
    edition: &'e ocop::criteria::Edition,
    args: &InputArgs,
    detail: bool,
    options: ReportOptions,
    what: &str,
) -> Result<Option<Report<'e>>> {
    match read_and_score(edition, args, detail, options)? {
        Ok(report) => Ok(Some(report)),
        Err(problems) => {
            report_problems(problems, what);
            Ok(None)
        }
    }
}

/// Reads the inputs as one batch and scores it; the problems when the input had some.
pub fn read_and_score<'e>(
    edition: &'e ocop::criteria::Edition,
    args: &InputArgs,
    detail: bool,
    options: ReportOptions,
) -> Result<std::result::Result<Report<'e>, Problems>> {
    let reading = read_batch(edition, args, detail)?;
    report_encodings(&reading.files);
    let threads = Threads::from(args);
    Ok(reading
        .result
        .map(|batch| report::build_with(batch, options, &threads)))
}

/// Prints warnings on standard error, one a line (as errors under `--strict`), at most
/// `max` (`--max-errors`) of them, then how many more: a 200,000-product batch can have
/// thousands, and the JSON lists them all.
pub fn warnings_to_stderr(warnings: &[Warning], lang: Lang, strict: bool, max: usize) {
    let mut err = io::stderr().lock();
    for line in warning_lines(warnings, lang, strict, max) {
        let _ = writeln!(err, "{line}");
    }
}

/// The warnings as lines, at most `max`, then "… and N more warnings".
pub fn warning_lines(warnings: &[Warning], lang: Lang, strict: bool, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = warnings
        .iter()
        .take(max)
        .map(|w| w.line_text(lang, strict))
        .collect();
    if warnings.len() > max {
        lines.push(ocop::l10n::tr_args(
            lang,
            "warnings-more",
            &[("n", (warnings.len() - max).into())],
        ));
    }
    lines
}

/// Under `--strict`, warnings are errors: says so, after listing them, and what became of
/// the output (`what`). The caller exits 1.
pub fn strict_failure(warnings: &[Warning], lang: Lang, what: &str, max: usize) {
    warnings_to_stderr(warnings, lang, true, max);
    eprintln!(
        "ocop: {}",
        ocop::l10n::tr_args(
            lang,
            "strict-nothing-written",
            &[
                ("count", warnings.len().into()),
                ("what", ocop::l10n::tr(lang, what).into())
            ]
        )
    );
}

/// Opens an input file; a directory is refused.
/// A large file read in parts, one thread each (see [`input::read_split`]): `None` when
/// the file is small, not a regular file, or the parts' reading declined: then one reader
/// reads it, and reports whatever there is to report.
fn read_in_parts<'e>(
    edition: &'e ocop::criteria::Edition,
    path: &Path,
    opts: &ReadOptions,
    threads: Threads,
) -> Option<Reading<'e>> {
    if threads.threads() < 2 || path.as_os_str() == "-" {
        return None;
    }
    let first = open_input(path).ok()?;
    let meta = first.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let parts = threads
        .threads()
        .min(usize::try_from(meta.len() / input::MIN_PART).unwrap_or(usize::MAX));
    if parts < 2 {
        return None;
    }
    let mut files = vec![first];
    for _ in 1..parts {
        files.push(open_input(path).ok()?);
    }
    let name: std::sync::Arc<str> = path.display().to_string().into();
    input::read_split(edition, name, files, opts, &threads).ok()?
}

/// The threads the library's jobs run on (reading a large file in parts, scoring): the
/// first job on this thread, each other on a thread of its own, or on this one after the
/// others when a thread cannot be started (no panic: the work is the same, only slower).
/// As many as `--threads` says (0: one per core; 1: everything on this thread).
#[derive(Debug, Clone, Copy)]
pub struct Threads(usize);

impl From<&InputArgs> for Threads {
    fn from(args: &InputArgs) -> Threads {
        Threads(match args.threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        })
    }
}

impl Parallel for Threads {
    fn threads(&self) -> usize {
        self.0
    }

    fn run<'a, R: Send + 'a>(&self, jobs: Vec<Box<dyn FnOnce() -> R + Send + 'a>>) -> Vec<R> {
        use std::sync::{Arc, Mutex};
        type Job<'a, R> = Arc<Mutex<Option<Box<dyn FnOnce() -> R + Send + 'a>>>>;
        fn take<'a, R>(job: &Job<'a, R>) -> Option<Box<dyn FnOnce() -> R + Send + 'a>> {
            job.lock().unwrap_or_else(|e| e.into_inner()).take()
        }
        std::thread::scope(|s| {
            let mut jobs = jobs.into_iter();
            let Some(first) = jobs.next() else {
                return Vec::new();
            };
            let started: Vec<_> = jobs
                .map(|job| {
                    let job: Job<'a, R> = Arc::new(Mutex::new(Some(job)));
                    let mine = job.clone();
                    let handle = std::thread::Builder::new()
                        .spawn_scoped(s, move || take(&mine).map(|f| f()))
                        .ok();
                    (job, handle)
                })
                .collect();
            let mut out = vec![first()];
            for (job, handle) in started {
                let done = match handle {
                    Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    None => None,
                };
                // Not started: run here (a job is taken exactly once).
                if let Some(r) = done.or_else(|| take(&job).map(|f| f())) {
                    out.push(r);
                }
            }
            out
        })
    }
}

fn open_input(p: &Path) -> io::Result<std::fs::File> {
    let f = std::fs::File::open(p)?;
    if f.metadata()?.is_dir() {
        return Err(io::Error::other(super::tr("input-is-directory")));
    }
    Ok(f)
}

fn read_options(
    edition: &ocop::criteria::Edition,
    args: &InputArgs,
    detail: bool,
) -> Result<ReadOptions> {
    if let Some(set) = &args.set
        && edition.set_index(set).is_none()
    {
        return Err(UsageError(super::tr_args(
            "usage-no-set",
            &[
                ("set", set.clone().into()),
                ("edition", edition.id().to_string().into()),
                ("sets", edition.summaries().len().into()),
            ],
        ))
        .into());
    }
    for name in &args.ignore_columns {
        let key = input::clean(name).to_lowercase();
        if ["product_id", "assessor", "criterion", "points"].contains(&key.as_str()) {
            return Err(UsageError(format!(
                "--ignore-column {}: every row needs this column; it cannot be ignored",
                input::escape(name)
            ))
            .into());
        }
    }
    Ok(ReadOptions {
        default_set: args.set.clone(),
        delimiter: args.delimiter,
        encoding: args.encoding,
        detail,
        max_errors: args.max_errors,
        ignore_columns: args.ignore_columns.clone(),
        sheets: args.sheet.clone(),
        all_sheets: args.all_sheets,
    })
}

/// Says on standard error how each input was read when it was not plain UTF-8, and what
/// was noted while reading it (a workbook's header row, its sheets).
pub fn report_encodings(files: &[input::FileInfo]) {
    for f in files {
        for n in &f.notes {
            eprintln!("ocop: {}", n.render(super::lang()));
        }
        if f.encoding != input::Encoding::Utf8 {
            eprintln!(
                "ocop: {}",
                super::tr_args(
                    "note-encoding",
                    &[
                        ("file", input::escape(&f.name).into_owned().into()),
                        ("encoding", f.encoding.to_string().into()),
                    ],
                )
            );
        }
        if f.cr_lines {
            eprintln!(
                "ocop: {}",
                super::tr_args(
                    "note-cr-lines",
                    &[("file", input::escape(&f.name).into_owned().into())],
                )
            );
        }
    }
}

/// Prints the problems to standard error, the first `cap` of them, then how many there were
/// and `what` became of the output (a message key: `outcome-nothing-written`…).
pub fn report_problems(problems: Problems, what: &str) {
    let lang = super::lang();
    let (list, total) = problems.sorted();
    let mut err = io::stderr().lock();
    for p in &list {
        let _ = writeln!(err, "{}", p.render(lang));
    }
    if total > list.len() {
        let _ = writeln!(err, "{}", more_problems(total - list.len()));
    }
    // A key of the catalogue; text that is not one comes back as it is.
    let what = super::tr(what);
    let _ = writeln!(
        err,
        "ocop: {}",
        super::tr_args(
            "problems-in-input",
            &[("n", total.into()), ("what", what.into())]
        )
    );
}

/// "… and 12 more (--max-errors to see more)".
pub fn more_problems(n: usize) -> String {
    super::tr_args("problems-more", &[("n", n.into())])
}

/// The output could not be written: exit status 3. Names the path.
#[derive(Debug, thiserror::Error)]
#[error("{}", super::tr_args("output-cannot-write", &[("path", path.clone().into()), ("error", source.to_string().into())]))]
pub struct OutputError {
    pub path: String,
    #[source]
    pub source: io::Error,
}

/// Temporary files being written, removed if a signal ends the process (see
/// [`remove_on_signal`]).
static LIVE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary files being written, then exits
/// with status 130. (SIGKILL cannot be caught: its temporary file is removed by a later
/// run writing to the same folder, once it is an hour old; see README.)
pub fn remove_on_signal() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(live) = LIVE.lock() {
            for p in live.iter() {
                let _ = std::fs::remove_file(p);
            }
        }
        std::process::exit(130);
    });
}

/// Temporary files of ours older than this are left by a killed run: removed.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".ocop-")
            && name.ends_with(".tmp")
            && e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE))
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The identity of a file (device and inode), to tell whether two names are one file.
#[cfg(unix)]
fn identity(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Where the output goes: standard output, or a file written beside its target and renamed
/// into place only when complete, so a failed run never leaves a half-written report, or a
/// device or pipe named with `-o`, written directly.
pub enum Output {
    Stdout(io::StdoutLock<'static>),
    File {
        tmp: tempfile::NamedTempFile,
        target: PathBuf,
    },
    Device(std::fs::File, PathBuf),
}

impl Output {
    /// `path` `None` or `-` is standard output. Writing over one of the inputs (named, or
    /// given on standard input) or over a read-only file is refused.
    pub fn create(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(io::stdout().lock()));
        };
        let target = absolute(path);
        let shown = path.display().to_string();
        let existing = std::fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(UsageError(super::tr_args(
                "usage-output-dir",
                &[("path", shown.clone().into())],
            ))
            .into());
        }
        // A device or a pipe (`-o /dev/null`, a FIFO) is written directly: there is no
        // half-written file to avoid, and it cannot be replaced by a rename.
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| OutputError {
                    path: shown.clone(),
                    source: e,
                })?;
            return Ok(Output::Device(file, path.to_path_buf()));
        }
        if let Some(m) = &existing {
            if m.permissions().readonly() {
                return Err(UsageError(super::tr_args(
                    "usage-output-read-only",
                    &[("path", shown.clone().into())],
                ))
                .into());
            }
            let me = identity(m);
            let stdin_too = inputs.is_empty() || inputs.iter().any(|p| p.as_os_str() == "-");
            let same = inputs.iter().filter(|p| p.as_os_str() != "-").any(|p| {
                absolute(p) == target || std::fs::metadata(p).ok().and_then(|m| identity(&m)) == me
            }) || (stdin_too
                && std::fs::metadata("/dev/stdin")
                    .ok()
                    .and_then(|m| identity(&m))
                    == me);
            if same && me.is_some() || inputs.iter().any(|p| absolute(p) == target) {
                return Err(UsageError(super::tr_args(
                    "usage-output-input",
                    &[("path", shown.clone().into())],
                ))
                .into());
            }
        }
        let dir = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        remove_stale(&dir);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".ocop-").suffix(".tmp");
        // The report gets the target's permissions, or a plain file's (not the 0600 of a
        // temporary file).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = existing
                .as_ref()
                .map_or(0o644, |m| m.permissions().mode() & 0o7777);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let tmp = builder.tempfile_in(&dir).map_err(|e| OutputError {
            path: dir.display().to_string(),
            source: e,
        })?;
        if let Ok(mut live) = LIVE.lock() {
            live.push(tmp.path().to_path_buf());
        }
        Ok(Output::File { tmp, target })
    }

    pub fn is_stdout(&self) -> bool {
        matches!(self, Output::Stdout(_))
    }

    /// The name of the output, for messages.
    pub fn name(&self) -> String {
        match self {
            Output::Stdout(_) => super::tr("output-stdout"),
            Output::File { target, .. } => target.display().to_string(),
            Output::Device(_, p) => p.display().to_string(),
        }
    }

    /// An error writing this output.
    pub fn error(&self, source: io::Error) -> OutputError {
        OutputError {
            path: self.name(),
            source,
        }
    }

    /// Flushes and, for a file, moves it into place.
    pub fn commit(self) -> Result<()> {
        let name = self.name();
        let fail = |source| OutputError {
            path: name.clone(),
            source,
        };
        match self {
            Output::Stdout(mut s) => s.flush().map_err(fail)?,
            Output::Device(mut f, _) => f.flush().map_err(fail)?,
            Output::File { mut tmp, target } => {
                tmp.flush().map_err(fail)?;
                tmp.as_file().sync_all().ok();
                let path = tmp.path().to_path_buf();
                tmp.persist(&target).map_err(|e| fail(e.error))?;
                if let Ok(mut live) = LIVE.lock() {
                    live.retain(|p| *p != path);
                }
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(s) => s.write(buf),
            Output::File { tmp, .. } => tmp.write(buf),
            Output::Device(f, _) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(s) => s.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
            Output::Device(f, _) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(s) => s.flush(),
            Output::File { tmp, .. } => tmp.flush(),
            Output::Device(f, _) => f.flush(),
        }
    }
}

/// The path made absolute and, where it exists, with links resolved.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (
        abs.parent().and_then(|d| d.canonicalize().ok()),
        abs.file_name(),
    ) {
        (Some(d), Some(f)) => d.join(f),
        _ => abs,
    }
}
