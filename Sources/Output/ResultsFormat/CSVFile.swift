// Reading and appending CSV files. Rows are appended and synced one at a
// time (DurableAppender), so an interrupted run keeps every finished point.
// A crash or power loss can still cut the last line short; the reader
// knows a record is whole only when a newline follows it, and says where
// each record ends so a resumed run can cut a torn tail off before it
// appends.

import CSV
import Foundation

public enum CSVFileError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case wrongHeader(path: String, expected: [String], found: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .wrongHeader(let path, let expected, let found):
            let missing = expected.filter { !found.contains($0) }
            return "\(path) does not have the expected columns (missing: \(missing.joined(separator: ", ")))"
        }
    }
}

/// One record of a CSV file as it is on disk.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based line of the file the record starts on.
    public var line: Int
    /// Byte offset just past the record (past its newline, when it has one).
    public var end: Int
    /// Whether a newline ends the record; false only for a last record the
    /// file stops inside (a write cut short).
    public var terminated: Bool
}

/// A CSV file's records, the header first, with where each one ends.
public struct CSVScan: Sendable {
    public var records: [CSVRecord]
    public var header: [String] { records.first?.terminated == true ? records[0].fields : [] }
    /// Records after the header.
    public var body: ArraySlice<CSVRecord> { records.dropFirst() }
}

public enum CSVFile {
    /// One line of CSV, quoted where needed, newline-terminated.
    public static func line(_ fields: [String]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: fields)
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Every record of `path` (RFC 4180: quoted fields may hold commas,
    /// quotes doubled, and newlines), blank lines skipped.
    public static func scan(_ path: String) throws -> CSVScan {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CSVFileError.unreadable(path: path, reason: error.localizedDescription)
        }
        return scan(bytes: [UInt8](data))
    }

    public static func scan(bytes: [UInt8]) -> CSVScan {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, inQuotes = false, recordHasBytes = false
        var line = 1, recordLine = 1
        var index = 0
        func endField() {
            if !quoted, field.last == cr { field.removeLast() }
            fields.append(String(decoding: field, as: UTF8.self))
            field = []
            quoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == newline { line += 1 }
            if inQuotes {
                if byte == quote {
                    if index < bytes.count && bytes[index] == quote { field.append(quote); index += 1 } else { inQuotes = false }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote where field.isEmpty && !quoted:
                inQuotes = true
                quoted = true
                recordHasBytes = true
            case comma:
                endField()
                recordHasBytes = true
            case newline:
                endField()
                let blank = !recordHasBytes && fields == [""]
                if !blank { records.append(CSVRecord(fields: fields, line: recordLine, end: index, terminated: true)) }
                fields = []
                recordHasBytes = false
                recordLine = line
            default:
                field.append(byte)
                recordHasBytes = true
            }
        }
        if recordHasBytes || !field.isEmpty || inQuotes {
            endField()
            records.append(CSVRecord(fields: fields, line: recordLine, end: bytes.count, terminated: false))
        }
        return CSVScan(records: records)
    }

    /// The header and the whole rows of a CSV file, as dictionaries by
    /// column. A row the file stops inside, or with fewer or more fields
    /// than the header, is not a row: it is left out.
    public static func read(_ path: String, requiring columns: [String] = []) throws -> (header: [String], rows: [[String: String]]) {
        let scan = try scan(path)
        let header = scan.header
        guard columns.allSatisfy(header.contains) else {
            throw CSVFileError.wrongHeader(path: path, expected: columns, found: header)
        }
        let rows = scan.body.filter { $0.terminated && $0.fields.count == header.count }.map { record in
            Dictionary(zip(header, record.fields), uniquingKeysWith: { first, _ in first })
        }
        return (header, rows)
    }

    /// Keeps only the records of `path` that `keep` accepts (the header is
    /// always kept when it is whole). When every dropped record is at the
    /// end, the file is cut back to the last kept one; otherwise it is
    /// rewritten whole, atomically. Returns the records dropped.
    @discardableResult
    public static func keepOnly(_ path: String, where keep: (CSVRecord) -> Bool) throws -> [CSVRecord] {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw CSVFileError.unreadable(path: path, reason: error.localizedDescription)
        }
        let records = scan(bytes: bytes).records
        guard let header = records.first, header.terminated else {
            // Not even the header is whole: start the file again.
            if !bytes.isEmpty { try DurableFile.truncate(path, to: 0) }
            return records
        }
        // A record the file stops inside is never kept.
        let kept = records.indices.map { $0 == 0 || (records[$0].terminated && keep(records[$0])) }
        let dropped = records.indices.filter { !kept[$0] }.map { records[$0] }
        guard let firstDropped = kept.firstIndex(of: false) else { return [] }
        if !kept[firstDropped...].contains(true) {
            // Only a tail goes: cut the file back to the last kept record.
            try DurableFile.truncate(path, to: records[firstDropped - 1].end)
        } else {
            var text: [UInt8] = []
            var start = 0
            for (index, record) in records.enumerated() {
                if kept[index] { text += bytes[start..<record.end] }
                start = record.end
            }
            try DurableFile.replace(path, with: String(decoding: text, as: UTF8.self))
        }
        return dropped
    }
}

/// A CSV file rows are appended to, each synced to disk before the next.
public final class CSVAppender {
    private let file: DurableAppender
    public var path: String { file.path }

    /// Opens `path` for appending, writing `header` first if the file is
    /// new or empty.
    public init(path: String, header: [String]) throws {
        file = try DurableAppender(path: path, header: try CSVFile.line(header))
    }

    public func append(_ fields: [String]) throws {
        try file.append(line: try CSVFile.line(fields))
    }

    /// Appends every row in one write and one sync: a point's samples (a
    /// cold point has one per check, hundreds of thousands) cost one sync,
    /// not one each. A crash part-way leaves samples of a point without
    /// its results.csv row, which resume drops.
    public func append(rows: [[String]]) throws {
        guard !rows.isEmpty else { return }
        var text = ""
        for fields in rows { text += try CSVFile.line(fields) }
        try file.append(line: text)
    }
}
