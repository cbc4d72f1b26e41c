extension CommandSpec {
    static let ruleCommands: [CommandSpec] = []
    static let whatIfCommands: [CommandSpec] = []
}
