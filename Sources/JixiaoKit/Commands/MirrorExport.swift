import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoSQL

/// `export csv DIR --all`: every table of the SQL mirror as DIR/TABLE.csv, with a README.md of the
/// schema: the bridge to DuckDB, pandas or Spark when a province outgrows one machine.
enum MirrorExport {
    static func write(
        _ session: Session, into folder: String, force: Bool, _ environment: any Environment
    ) throws(ShellError) -> Output {
        guard !session.filings.isEmpty else { throw .noFiling }
        let absolute = environment.resolve(folder)
        let names = MirrorTable.allCases.map { "\($0.rawValue).csv" } + ["README.md"]
        if Disk.exists(absolute), !Disk.isDirectory(absolute) { throw .io(path: folder, reason: "is not a folder") }
        // Every file is checked before any is written, so a refusal leaves the folder as it was.
        if !force, let taken = names.first(where: { Disk.exists((absolute as NSString).appendingPathComponent($0)) }) {
            throw .refused("\(folder)/\(taken) exists; add --force to overwrite the folder's tables")
        }
        let mirror = try session.syncedMirror(environment)
        if !Disk.isDirectory(absolute), mkdir(absolute, 0o777) != 0 {
            throw .io(path: folder, reason: "cannot make the folder (\(String(cString: strerror(errno))))")
        }
        var rows = 0
        for table in MirrorTable.allCases {
            try environment.checkInterrupt()
            let result = try sqlite { () throws(SQLError) in
                try mirror.database.query("SELECT * FROM \(table.rawValue)") { false }
            }
            rows += result.rows.count
            let grid = TableExport.Grid(header: result.columns, rows: result.rows.map { $0.map(SQLCommand.text) })
            try environment.write(TableExport.csv(grid), to: folder + "/\(table.rawValue).csv", force: true)
        }
        try environment.write(readme(filings: session.filings.count), to: folder + "/README.md", force: true)
        return Output(
            "wrote \(folder)/: \(MirrorTable.allCases.count) tables, \(rows) rows, and README.md\n", confirms: true)
    }

    static func readme(filings: Int) -> String {
        """
        # jixiao tables

        Written by jixiao's `export csv DIR --all` from \(filings) filing\(filings == 1 ? "" : "s"), the tables \
        its `sql` command queries. Each file is UTF-8 CSV (RFC 4180) with a byte-order mark and a header row.
        Amounts are in 万元, rates are fractions (0.55 is 55%), scores are points; a blank field is NULL.
        `filing_id` in every table is `id` in `filings`; `project_idx` and `idx` count from 1 in the filing's order.

        DuckDB reads them as they are:

        ```sql
        CREATE TABLE projects AS SELECT * FROM read_csv('projects.csv');
        ```

        ## Schema (SQLite)

        ```sql
        \(MirrorTable.schema)
        ```

        """
    }
}
