# Swift / C twin time ratio, latency
# Written by hookbench from results.csv; data in twins-latency.dat (one block
# per panel and series, "index N"; columns x y y_low y_high).
# Restyle freely, then re-run in this directory: gnuplot twins-latency.gp

# Colour-blind-safe colours (Okabe-Ito), one per strategy or placement.
set linetype 1 lc rgb "#0072B2" lw 1.5
set linetype 2 lc rgb "#D55E00" lw 1.5
set linetype 3 lc rgb "#009E73" lw 1.5
set linetype 4 lc rgb "#CC79A7" lw 1.5
set linetype 5 lc rgb "#E69F00" lw 1.5
set linetype 6 lc rgb "#56B4E9" lw 1.5
set linetype 7 lc rgb "#000000" lw 1.5
set linetype 8 lc rgb "#F0E442" lw 1.5

do for [format in "png svg"] {
    if (format eq "png") { set terminal pngcairo noenhanced size 1440,436 font ",10" }
    if (format eq "svg") { set terminal svg noenhanced size 1440,436 dynamic font ",10" }
    set output "twins-latency." . format
    set multiplot layout 1,3 title "Swift / C twin time ratio, latency"
    set grid
    set key below font ",8"
    set autoscale xfix
    set offsets graph 0.03, graph 0.03, 0, 0
    set xlabel "namespace depth"
    set ylabel "Swift / C net time (95% CI)"
    set title "hot cache"
    unset logscale y
    plot "twins-latency.dat" index 0 using 1:2:3:4 with yerrorlines lc 1 dt 1 pt 7 ps 0.6 title "ancestry / ancestry-c", \
         "" index 1 using 1:2:3:4 with yerrorlines lc 2 dt 1 pt 7 ps 0.6 title "hlist / hlist-c", \
         "" index 2 using 1:2:3:4 with yerrorlines lc 3 dt 1 pt 7 ps 0.6 title "static-slots / static-slots-c", \
         1.0 with lines lc rgb "gray40" dt 2 title "equal time", \
         1.05 with lines lc rgb "gray40" dt 2 title "Swift 5% slower"
    set title "warm cache"
    unset logscale y
    plot "twins-latency.dat" index 3 using 1:2:3:4 with yerrorlines lc 1 dt 1 pt 7 ps 0.6 title "ancestry / ancestry-c", \
         "" index 4 using 1:2:3:4 with yerrorlines lc 2 dt 1 pt 7 ps 0.6 title "hlist / hlist-c", \
         "" index 5 using 1:2:3:4 with yerrorlines lc 3 dt 1 pt 7 ps 0.6 title "static-slots / static-slots-c", \
         1.0 with lines lc rgb "gray40" dt 2 title "equal time", \
         1.05 with lines lc rgb "gray40" dt 2 title "Swift 5% slower"
    set title "cold cache"
    unset logscale y
    plot "twins-latency.dat" index 6 using 1:2:3:4 with yerrorlines lc 1 dt 1 pt 7 ps 0.6 title "ancestry / ancestry-c", \
         "" index 7 using 1:2:3:4 with yerrorlines lc 2 dt 1 pt 7 ps 0.6 title "hlist / hlist-c", \
         "" index 8 using 1:2:3:4 with yerrorlines lc 3 dt 1 pt 7 ps 0.6 title "static-slots / static-slots-c", \
         1.0 with lines lc rgb "gray40" dt 2 title "equal time", \
         1.05 with lines lc rgb "gray40" dt 2 title "Swift 5% slower"
    unset multiplot
    unset output
}
