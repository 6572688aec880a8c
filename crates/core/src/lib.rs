//! Use cases of antt: what the web screens, the API and the command line
//! call, one service per feature ([`Antt::tips`], [`Antt::plans`]…). Every
//! use case checks who is acting ([`Actor`]) before it reads; every change
//! goes through the one write path ([`write`]): rights checked, the write
//! lock taken first, committed only with its audit entry.
//!
//! The web and CLI layers never reach the store directly.

pub mod actor;
pub mod assessment;
pub mod audit;
pub mod auth;
pub mod bundle;
mod cache;
pub mod clock;
pub mod commitment;
pub mod contest;
mod context;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod dorm;
pub mod duty;
pub mod equipment;
mod error;
pub mod export;
pub mod exports;
pub mod fire;
pub mod homeroom;
pub mod import;
pub mod incident;
pub mod inspection;
pub mod login_throttle;
pub mod org;
mod papers;
pub mod password;
pub mod patrol;
pub mod person;
pub mod plan;
pub mod province;
pub mod reminder;
pub mod reward;
pub mod sealed;
pub mod session;
pub mod shift_log;
pub mod slow_hash;
pub mod team;
pub mod tip;
pub mod unit;
pub mod user;
pub mod visitor;
mod write;

use std::sync::Arc;

pub use actor::{Actor, Submission};
pub use antt_store::Backend;
pub use clock::Clock;
pub use error::{CoreError, CoreResult};

use antt_store::Db;

use assessment::Assessments;
use audit::AuditLog;
use auth::Auth;
use commitment::Commitments;
use contest::Contests;
use context::{Context, Cx};
use dashboard::Dashboard;
use db::Database;
use duty::Duty;
use equipment::EquipmentRegister;
use exports::Exports;
use homeroom::Homeroom;
use incident::Incidents;
use org::Org;
use patrol::Patrols;
use person::People;
use plan::Plans;
use reminder::Reminders;
use reward::Rewards;
use session::Sessions;
use shift_log::ShiftLogs;
use team::Teams;
use tip::{TipSettings, Tips};
use unit::Units;
use user::Accounts;
use visitor::Visitors;

/// The application: one service per feature over a shared context (the
/// database, the clock, the caches). Cheap to clone.
///
/// The services are wired here, so what each feature needs of the others
/// reads in one place.
#[derive(Clone)]
pub struct Antt {
    cx: Cx,
    passwords: password::Passwords,
    tip_settings: TipSettings,
    units: Units,
    org: Org,
    people: People,
    accounts: Accounts,
    auth: Auth,
    audit: AuditLog,
    database: Database,
    exports: Exports,
    plans: Plans,
    sessions: Sessions,
    commitments: Commitments,
    homeroom: Homeroom,
    teams: Teams,
    contests: Contests,
    tips: Tips,
    incidents: Incidents,
    dashboard: Dashboard,
    assessment: Assessments,
    rewards: Rewards,
    reminders: Reminders,
    duty: Duty,
    equipment: EquipmentRegister,
    inspections: inspection::Inspections,
    fire: fire::FireSafety,
    shift_logs: ShiftLogs,
    patrols: Patrols,
    visitors: Visitors,
    dorms: dorm::Dorms,
    province: province::Province,
    bundles: bundle::Bundles,
}

impl Antt {
    /// Connects to the database at `url` and brings its schema up to date.
    pub async fn open(
        url: &str,
        clock: Arc<dyn Clock>,
        passwords: password::Passwords,
    ) -> CoreResult<Self> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(Self::new(db, clock, passwords))
    }

    /// Connects without migrating (for `db verify`, which reports pending
    /// migrations instead of applying them).
    pub async fn connect(
        url: &str,
        clock: Arc<dyn Clock>,
        passwords: password::Passwords,
    ) -> CoreResult<Self> {
        Ok(Self::new(Db::connect(url).await?, clock, passwords))
    }

    fn new(db: Db, clock: Arc<dyn Clock>, passwords: password::Passwords) -> Self {
        Self::assemble(Context::new(db, clock), passwords, TipSettings::default())
    }

    /// Builds every service over `cx`, each given the services it uses.
    fn assemble(cx: Cx, passwords: password::Passwords, tip_settings: TipSettings) -> Self {
        let units = Units::new(cx.clone());
        let org = Org::new(cx.clone());
        let exports = Exports::new(cx.clone());
        let people = People::new(cx.clone(), org.clone());
        let plans = Plans::new(cx.clone(), org.clone(), people.clone());
        let sessions = Sessions::new(cx.clone(), org.clone(), exports.clone());
        let commitments =
            Commitments::new(cx.clone(), org.clone(), people.clone(), exports.clone());
        let homeroom = Homeroom::new(cx.clone(), org.clone());
        let teams = Teams::new(cx.clone());
        let contests = Contests::new(cx.clone(), org.clone(), people.clone(), exports.clone());
        let tips = Tips::new(cx.clone(), org.clone(), tip_settings.clone());
        let incidents = Incidents::new(
            cx.clone(),
            org.clone(),
            plans.clone(),
            tips.clone(),
            exports.clone(),
        );
        let dashboard = Dashboard::new(
            cx.clone(),
            org.clone(),
            plans.clone(),
            sessions.clone(),
            commitments.clone(),
            teams.clone(),
        );
        let patrols = Patrols::new(cx.clone());
        let equipment = EquipmentRegister::new(cx.clone(), exports.clone());
        let inspections = inspection::Inspections::new(cx.clone(), equipment.clone());
        let fire = fire::FireSafety::new(
            cx.clone(),
            equipment.clone(),
            inspections.clone(),
            plans.clone(),
            exports.clone(),
        );
        let assessment = Assessments {
            cx: cx.clone(),
            org: org.clone(),
            plans: plans.clone(),
            sessions: sessions.clone(),
            teams: teams.clone(),
            contests: contests.clone(),
            tips: tips.clone(),
            dashboard: dashboard.clone(),
            exports: exports.clone(),
            patrols: patrols.clone(),
            fire: fire.clone(),
        };
        let rewards = Rewards::new(
            cx.clone(),
            org.clone(),
            plans.clone(),
            sessions.clone(),
            exports.clone(),
        );
        Self {
            accounts: Accounts::new(cx.clone(), passwords),
            auth: Auth::new(cx.clone(), passwords),
            audit: AuditLog::new(cx.clone()),
            database: Database::new(cx.clone()),
            reminders: Reminders::new(
                cx.clone(),
                plans.clone(),
                patrols.clone(),
                tip_settings.clone(),
                fire.clone(),
                dorm::Dorms::new(cx.clone(), tip_settings.clone(), exports.clone()),
            ),
            duty: Duty::new(cx.clone(), exports.clone(), plans.clone()),
            equipment,
            inspections,
            fire,
            shift_logs: ShiftLogs::new(cx.clone()),
            patrols,
            visitors: Visitors::new(cx.clone()),
            dorms: dorm::Dorms::new(cx.clone(), tip_settings.clone(), exports.clone()),
            province: province::Province::new(cx.clone(), assessment.clone()),
            bundles: bundle::Bundles::new(cx.clone(), assessment.clone()),
            units,
            org,
            people,
            exports,
            plans,
            sessions,
            commitments,
            homeroom,
            teams,
            contests,
            tips,
            incidents,
            dashboard,
            assessment,
            rewards,
            tip_settings,
            passwords,
            cx,
        }
    }

    /// Sets the key tips are sealed with. Without one, tips cannot be sent
    /// or read.
    #[must_use]
    pub fn with_tip_key(self, key: sealed::TipKey) -> Self {
        let cx = self.cx.with_key(key);
        Self::assemble(cx, self.passwords, self.tip_settings)
    }

    /// Runs the slow hashes (passwords, receipt codes) under `limits`
    /// instead of the default (one worker per core, up to four).
    #[must_use]
    pub fn with_hash_limits(self, limits: slow_hash::HashLimits) -> Self {
        let cx = self.cx.with_hash_limits(limits);
        Self::assemble(cx, self.passwords, self.tip_settings)
    }

    /// Also POSTs every notice about a tip, signed with `secret`, to `url`
    /// (a Zalo or SMS gateway). The tip's content is never in it.
    #[must_use]
    pub fn with_webhook(
        self,
        webhook: antt_mail::hook::Webhook,
        public_url: Option<String>,
    ) -> Self {
        let settings = TipSettings::with_webhook(webhook, public_url);
        Self::assemble(self.cx, self.passwords, settings)
    }

    /// The clock's time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.cx.now()
    }

    /// A unit's figures as a page shows them, made by `make` and kept until
    /// the next write (the audit chain's head moves with every one), the
    /// next minute, or ten seconds, whichever comes first: a home page
    /// asked for again and again between writes is made once, by one
    /// request while the others asking at that moment wait. Only for
    /// figures that are the same for every reader allowed to see them:
    /// check that the reader is before asking. `variant` tells apart forms
    /// of the same figures (their links for a police officer).
    pub async fn remembered<T, E, F>(
        &self,
        unit: antt_domain::UnitId,
        what: &'static str,
        variant: &str,
        make: F,
    ) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        E: From<CoreError>,
        F: std::future::Future<Output = Result<T, E>>,
    {
        let now = self.cx.now();
        let head = antt_store::audit::head(self.cx.db())
            .await
            .map_err(CoreError::from)?
            .0;
        let mark = (head, now.timestamp().div_euclid(60));
        let key = (unit, what, variant.to_owned());
        if let Some(kept) = self.cx.caches().figures::<T>(&key, mark, now) {
            return Ok(kept);
        }
        // One maker at a time: the requests that find the figures lapsed
        // together wait for it instead of all making them.
        let lock = self.cx.caches().figure_lock(&key);
        let _maker = lock.lock().await;
        if let Some(kept) = self.cx.caches().figures::<T>(&key, mark, now) {
            return Ok(kept);
        }
        let figures = make.await?;
        self.cx
            .caches()
            .put_figures(key, mark, figures.clone(), now);
        Ok(figures)
    }

    pub fn backend(&self) -> Backend {
        self.cx.db().backend()
    }

    /// Units, and which of them an actor may read or change.
    pub fn units(&self) -> &Units {
        &self.units
    }
    /// Campuses, departments and classes.
    pub fn org(&self) -> &Org {
        &self.org
    }
    /// People: lists, cards, imports and exports.
    pub fn people(&self) -> &People {
        &self.people
    }
    /// Accounts of a unit.
    pub fn accounts(&self) -> &Accounts {
        &self.accounts
    }
    /// Logging in and out, sessions and API tokens.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }
    /// The audit log.
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }
    /// Checks and copies of the database.
    pub fn database(&self) -> &Database {
        &self.database
    }
    /// Lists written as spreadsheets, with their export in the audit log.
    pub fn exports(&self) -> &Exports {
        &self.exports
    }
    /// The movement's yearly plan and its tasks.
    pub fn plans(&self) -> &Plans {
        &self.plans
    }
    /// Sessions with the police, attendance and coverage.
    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }
    /// The yearly commitment.
    pub fn commitments(&self) -> &Commitments {
        &self.commitments
    }
    /// The gate's shift log: take over, record, hand over.
    pub fn shift_logs(&self) -> &ShiftLogs {
        &self.shift_logs
    }
    /// Patrols: checkpoints, rounds, scans, the night's record.
    pub fn patrols(&self) -> &Patrols {
        &self.patrols
    }
    /// Visitors at the gate and the people not let in.
    pub fn visitors(&self) -> &Visitors {
        &self.visitors
    }

    /// Boarding students: dormitories, residents, the roll call, leave.
    pub fn dorms(&self) -> &dorm::Dorms {
        &self.dorms
    }
    /// The province's targets and where its units stand against them.
    pub fn province(&self) -> &province::Province {
        &self.province
    }
    /// Units on their own copy: bundles made here, keys registered and
    /// bundles imported here.
    pub fn bundles(&self) -> &bundle::Bundles {
        &self.bundles
    }
    /// Guard duty: posts, the guard force, the monthly roster.
    pub fn duty(&self) -> &Duty {
        &self.duty
    }
    /// The register of fire-safety equipment and cameras, and its faults.
    pub fn equipment(&self) -> &EquipmentRegister {
        &self.equipment
    }
    /// Checklists, the schedules of checks and where each round stands.
    pub fn inspections(&self) -> &inspection::Inspections {
        &self.inspections
    }
    /// Fire drills, the fire team's training, and all that is due.
    pub fn fire(&self) -> &fire::FireSafety {
        &self.fire
    }
    /// A homeroom teacher's classes and who is behind in them.
    pub fn homeroom(&self) -> &Homeroom {
        &self.homeroom
    }
    /// Models, teams and linked clusters.
    pub fn teams(&self) -> &Teams {
        &self.teams
    }
    /// The law contest.
    pub fn contests(&self) -> &Contests {
        &self.contests
    }
    /// Tips: the portal, handling, notices and figures.
    pub fn tips(&self) -> &Tips {
        &self.tips
    }
    /// Incidents and violations.
    pub fn incidents(&self) -> &Incidents {
        &self.incidents
    }
    /// The figures of the home pages.
    pub fn dashboard(&self) -> &Dashboard {
        &self.dashboard
    }
    /// The standard, the score sheet, the dossier and the yearly report.
    pub fn assessment(&self) -> &Assessments {
        &self.assessment
    }
    /// Emulation and rewards.
    pub fn rewards(&self) -> &Rewards {
        &self.rewards
    }
    /// E-mail reminders of tasks.
    pub fn reminders(&self) -> &Reminders {
        &self.reminders
    }
}
