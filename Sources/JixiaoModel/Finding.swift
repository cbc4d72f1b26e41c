/// The name of a kind of consistency check, as findings print it: `total.sum`.
public enum CheckID: String, CaseIterable, Comparable, Sendable {
    case actualShortfall = "actual.shortfall"
    case actualText = "actual.text"
    case basicMissingProject = "basic.missingProject"
    case basicProject = "basic.project"
    case basicSum = "basic.sum"
    case budgetAdjusted = "budget.adjusted"
    case cellMissing = "cell.missing"
    case cellUnreadable = "cell.unreadable"
    case controlChange = "control.change"
    case controlProcurement = "control.procurement"
    case controlSpend = "control.spend"
    case controlStaff = "control.staff"
    case controlUnbudgeted = "control.unbudgeted"
    case costClaim = "cost.claim"
    case dateYear = "date.year"
    case deptBasicOverspend = "dept.basicOverspend"
    case deptExpenditure = "dept.expenditure"
    case deptIncome = "dept.income"
    case deptProjects = "dept.projects"
    case deviationCarryOver = "deviation.carryOver"
    case deviationMissing = "deviation.missing"
    case deviationShortfall = "deviation.shortfall"
    case filingDuplicateUnitYear = "filing.duplicateUnitYear"
    case fundsSum = "funds.sum"
    case gradeBoundary = "grade.boundary"
    case layoutDuplicate = "layout.duplicate"
    case layoutFundRows = "layout.fundRows"
    case nameMismatch = "name.mismatch"
    case narrativeBasicSpend = "narrative.basicSpend"
    case narrativeClaim = "narrative.claim"
    case narrativeNoProblems = "narrative.noProblems"
    case rateDiffers = "rate.differs"
    case satisfactionUnsurveyed = "satisfaction.unsurveyed"
    case rateOver = "rate.over"
    case rateUndefined = "rate.undefined"
    case scoreDiffers = "score.differs"
    case scoreFullDespiteShortfall = "score.fullDespiteShortfall"
    case scoreMissing = "score.missing"
    case scoreOverWeight = "score.overWeight"
    case staffNarrative = "staff.narrative"
    case summaryRow = "summary.row"
    case summaryTotal = "summary.total"
    case totalDiffers = "total.differs"
    case totalSum = "total.sum"
    case weightLevel1 = "weight.level1"
    case weightRules = "weight.rules"
    case weightTotal = "weight.total"

    public static func < (a: CheckID, b: CheckID) -> Bool { a.rawValue < b.rawValue }
}

/// One inconsistency found in a filing.
public struct Finding: Equatable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info

        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var check: CheckID
    public var severity: Severity
    public var line: Int?
    /// What it concerns: a project, the department, or the filing as a whole (basic data, narratives).
    public var target: Target
    /// What was found, with its figures. Written when it is read, not when it is found: a county's
    /// checks find a hundred thousand things, and `summary` and `projects --all` only count them.
    public var message: String { write() }
    private let write: @Sendable () -> String

    public init(
        check: CheckID, severity: Severity, line: Int?, target: Target,
        message: @autoclosure @escaping @Sendable () -> String
    ) {
        self.check = check
        self.severity = severity
        self.line = line
        self.target = target
        self.write = message
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.check == b.check && a.severity == b.severity && a.line == b.line && a.target == b.target
            && a.message == b.message
    }
}
