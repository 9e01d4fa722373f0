// Writes a run's plots into DIR/plots: for every figure its .dat and .gp
// files, then, when gnuplot is installed, its PNG and SVG images. Missing
// gnuplot or a failing script is reported, never thrown: the caller has
// already written the CSV and the summary, which must not be lost over a
// plot.

import Foundation

public struct PlotOutcome: Sendable {
    public var directory: String
    public var scripts: [String] = []
    public var dataFiles: [String] = []
    public var images: [String] = []
    /// What the user should know: gnuplot missing, a script that failed.
    public var messages: [String] = []
}

public struct PlotRenderer: Sendable {
    public let gnuplot: Gnuplot?

    public init(gnuplot: Gnuplot? = Gnuplot.locate()) {
        self.gnuplot = gnuplot
    }

    /// Throws only when the plots directory or its files cannot be
    /// written. `stillWritten` completes the gnuplot-not-found message.
    public func render(_ run: RunData, stillWritten: String = "CSV and summary were still written") throws -> PlotOutcome {
        let directory = run.directory.plotsPath
        var outcome = PlotOutcome(directory: directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: directory, reason: error.localizedDescription)
        }

        var formats = GnuplotScript.formats(terminals: ["pngcairo", "svg"])
        if let gnuplot {
            do {
                formats = GnuplotScript.formats(terminals: try gnuplot.terminals())
            } catch {
                outcome.messages.append("cannot run \(gnuplot.executable): \(error.localizedDescription); scripts and data were written to \(directory)")
            }
            if formats.isEmpty {
                outcome.messages.append("\(gnuplot.executable) has neither a png nor an svg terminal; install gnuplot-nox (it has pngcairo and svg)")
            }
        } else {
            outcome.messages.append(Gnuplot.notFoundMessage(stillWritten: stillWritten))
        }

        let figures = PlotFigures.all(run).filter { !$0.panels.isEmpty }
        for figure in figures {
            let dataPath = directory + "/" + figure.stem + ".dat"
            let scriptPath = directory + "/" + figure.stem + ".gp"
            do {
                try run.directory.writeAtomically(GnuplotScript.data(figure), to: dataPath)
                try run.directory.writeAtomically(GnuplotScript.script(figure, formats: formats), to: scriptPath)
            } catch {
                throw ReportError.cannotWrite(path: scriptPath, reason: error.localizedDescription)
            }
            outcome.dataFiles.append(dataPath)
            outcome.scripts.append(scriptPath)
        }

        guard let gnuplot, !formats.isEmpty, outcome.messages.isEmpty else { return outcome }
        for figure in figures {
            do {
                if let failure = try gnuplot.run(script: figure.stem + ".gp", in: directory) {
                    outcome.messages.append(failure)
                    continue
                }
            } catch {
                outcome.messages.append("cannot run \(gnuplot.executable): \(error.localizedDescription)")
                break
            }
            for format in formats {
                let image = directory + "/" + figure.stem + "." + format.fileExtension
                let size = (try? FileManager.default.attributesOfItem(atPath: image)[.size] as? Int) ?? 0
                if size > 0 {
                    outcome.images.append(image)
                } else {
                    outcome.messages.append("gnuplot ran \(figure.stem).gp but wrote no \(image)")
                }
            }
        }
        return outcome
    }
}
