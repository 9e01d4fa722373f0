// Reading and appending CSV files. Rows are appended and flushed one at a
// time, so an interrupted run keeps every finished point and never leaves a
// half-written row behind.

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

public enum CSVFile {
    /// One line of CSV, quoted where needed, newline-terminated.
    public static func line(_ fields: [String]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: fields)
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The header and the rows of a CSV file, as dictionaries by column.
    public static func read(_ path: String, requiring columns: [String] = []) throws -> (header: [String], rows: [[String: String]]) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CSVFileError.unreadable(path: path, reason: error.localizedDescription)
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw CSVFileError.unreadable(path: path, reason: "\(error)")
        }
        let header = reader.headerRow ?? []
        guard columns.allSatisfy(header.contains) else {
            throw CSVFileError.wrongHeader(path: path, expected: columns, found: header)
        }
        var rows: [[String: String]] = []
        while let fields = reader.next() {
            var row: [String: String] = [:]
            for (column, value) in zip(header, fields) { row[column] = value }
            rows.append(row)
        }
        return (header, rows)
    }
}

/// A CSV file rows are appended to, each flushed to disk before the next.
public final class CSVAppender {
    private let handle: FileHandle
    public let path: String

    /// Opens `path` for appending, writing `header` first if the file is new.
    public init(path: String, header: [String]) throws {
        self.path = path
        let manager = FileManager.default
        let isNew = !manager.fileExists(atPath: path)
        if isNew { manager.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CSVFileError.unreadable(path: path, reason: "cannot open for writing")
        }
        self.handle = handle
        handle.seekToEndOfFile()
        if isNew { try append(header) }
    }

    public func append(_ fields: [String]) throws {
        handle.write(Data(try CSVFile.line(fields).utf8))
        try handle.synchronize()
    }

    deinit { try? handle.close() }
}
