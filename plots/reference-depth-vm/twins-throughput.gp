# Swift / C twin time ratio, throughput
# Written by hookbench from results.csv; data in twins-throughput.dat (one block
# per panel and series, "index N"; columns x y y_low y_high).
# Restyle freely, then re-run in this directory: gnuplot twins-throughput.gp

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
    if (format eq "png") { set terminal pngcairo noenhanced size 1120,504 font ",10" }
    if (format eq "svg") { set terminal svg noenhanced size 1120,504 dynamic font ",10" }
    set output "twins-throughput." . format
    set multiplot layout 1,2 title "Swift / C twin time ratio, throughput"
    set grid
    set key below maxrows 3 font ",9" samplen 3 spacing 1.1
    set autoscale xfix
    set autoscale yfix
    set offsets graph 0.03, graph 0.03, graph 0.06, graph 0.04
    set bars small
    set xlabel "namespace depth"
    set ylabel "Swift / C net time (95% CI)"
    set title "hot cache"
    unset logscale y
    set ytics auto
    plot "twins-throughput.dat" index 0 using ($1-0.4000):2:3:4 with yerrorbars lc 1 pt 6 ps 0.9 dt 1 notitle, \
         "" index 0 using ($1-0.4000):2 with linespoints lc 1 pt 6 ps 0.9 dt 2 title "hlist / hlist-c", \
         "" index 1 using 1:2:3:4 with yerrorbars lc 2 pt 4 ps 0.9 dt 1 notitle, \
         "" index 1 using 1:2 with linespoints lc 2 pt 4 ps 0.9 dt 2 title "static-slots / static-slots-c", \
         "" index 2 using ($1+0.4000):2:3:4 with yerrorbars lc 3 pt 8 ps 0.9 dt 1 notitle, \
         "" index 2 using ($1+0.4000):2 with linespoints lc 3 pt 8 ps 0.9 dt 2 title "ancestry / ancestry-c", \
         1.0 with lines lc rgb "gray40" dt 2 title "equal time", \
         1.05 with lines lc rgb "gray40" dt 2 title "Swift 5% slower"
    set title "warm cache"
    unset logscale y
    set ytics auto
    plot "twins-throughput.dat" index 3 using ($1-0.4000):2:3:4 with yerrorbars lc 1 pt 6 ps 0.9 dt 1 notitle, \
         "" index 3 using ($1-0.4000):2 with linespoints lc 1 pt 6 ps 0.9 dt 2 title "hlist / hlist-c", \
         "" index 4 using 1:2:3:4 with yerrorbars lc 2 pt 4 ps 0.9 dt 1 notitle, \
         "" index 4 using 1:2 with linespoints lc 2 pt 4 ps 0.9 dt 2 title "static-slots / static-slots-c", \
         "" index 5 using ($1+0.4000):2:3:4 with yerrorbars lc 3 pt 8 ps 0.9 dt 1 notitle, \
         "" index 5 using ($1+0.4000):2 with linespoints lc 3 pt 8 ps 0.9 dt 2 title "ancestry / ancestry-c", \
         1.0 with lines lc rgb "gray40" dt 2 title "equal time", \
         1.05 with lines lc rgb "gray40" dt 2 title "Swift 5% slower"
    unset multiplot
    unset output
}
