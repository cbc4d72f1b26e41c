import Foundation

/// The execution part of a score: 执行率 from the amounts and its points.
public struct ExecutionScore: Equatable, Sendable {
    public var executed: Decimal?
    public var denominator: Decimal?
    public var denominatorLabel: String
    /// nil when the denominator is zero or missing: shown as such, never NaN.
    public var rate: Decimal? = nil
    public var weight: Decimal
    public var score: Decimal? = nil
    /// The score under the other rounding order (rate rounded first, or not), where it differs.
    public var otherOrderScore: Decimal? = nil
    public var reportedRate: Decimal?
    public var reportedScore: Decimal?
    public var reportedWeight: Decimal?
    /// Why the rule's own basis was not used (`年初预算数 is 0`): the rate is then taken against
    /// 全年预算数, which `denominatorLabel` names.
    public var fallback: String? = nil

    public init(
        executed: Decimal?, denominator: Decimal?, denominatorLabel: String, weight: Decimal,
        reportedRate: Decimal?, reportedScore: Decimal?, reportedWeight: Decimal?
    ) {
        self.executed = executed
        self.denominator = denominator
        self.denominatorLabel = denominatorLabel
        self.weight = weight
        self.reportedRate = reportedRate
        self.reportedScore = reportedScore
        self.reportedWeight = reportedWeight
    }

    public var problem: String? {
        if executed == nil { return "全年执行数 is blank" }
        if denominator == nil { return "\(denominatorLabel) is blank" }
        if denominator == 0 { return "\(denominatorLabel) is 0" }
        return nil
    }
}

/// How one indicator was scored.
public struct IndicatorScore: Equatable, Sendable {
    public enum Basis: Equatable, Sendable {
        /// Target and actual are numbers: scored by the rule.
        case computed(String)
        /// The actual (or target) is text such as 完成: the reported score is kept.
        case notVerifiable(String)
    }
    public var weight: Decimal?
    public var reported: Decimal?
    public var computed: Decimal?
    public var basis: Basis
    /// What the total counts: the computed score, else the reported one, else 0.
    public var effective: Decimal { computed ?? reported ?? 0 }
    public var isVerifiable: Bool {
        if case .computed = basis { return true }
        return false
    }
    public var differs: Bool {
        guard let computed else { return false }
        return reported.map { !computed.equals($0) } ?? true
    }

    public init(weight: Decimal?, reported: Decimal?, computed: Decimal? = nil, basis: Basis) {
        self.weight = weight
        self.reported = reported
        self.computed = computed
        self.basis = basis
    }
}

/// Indicator scores carried over to a rule set whose indicator points differ from the filing's
/// (a 90-point indicator tree under rules that give indicators 80): each score × rule / filed.
public struct Rescale: Equatable, Sendable {
    /// The first-level group (`产出指标`, `效益指标+满意度指标`), or empty for all indicators.
    public var group: String
    public var filed: Decimal
    public var rule: Decimal

    public init(group: String, filed: Decimal, rule: Decimal) {
        self.group = group
        self.filed = filed
        self.rule = rule
    }
}

/// A project's or the department's recomputed score beside what was reported.
public struct ScoreCard: Equatable, Sendable {
    public var rules: String
    public var execution: ExecutionScore
    public var indicators: [IndicatorScore]
    /// The indicators' points, rescaled to the rules' indicator total when `rescaled` says so.
    public var indicatorTotal: Decimal
    public var rescaled: [Rescale] = []
    public var total: Decimal
    public var grade: String?
    public var reportedTotal: Decimal?
    public var reportedGrade: String?
    public var capped: Bool

    public init(
        rules: String, execution: ExecutionScore, indicators: [IndicatorScore], indicatorTotal: Decimal, total: Decimal,
        grade: String?, reportedTotal: Decimal?, reportedGrade: String?, capped: Bool
    ) {
        self.rules = rules
        self.execution = execution
        self.indicators = indicators
        self.indicatorTotal = indicatorTotal
        self.total = total
        self.grade = grade
        self.reportedTotal = reportedTotal
        self.reportedGrade = reportedGrade
        self.capped = capped
    }
}
