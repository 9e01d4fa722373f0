# Checks per reload above which a design pays against hlist
# Written by hookbench from results.csv; data in break-even.dat (one block
# per panel and series, "index N"; columns x y y_low y_high).
# Restyle freely, then re-run in this directory: gnuplot break-even.gp

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
    if (format eq "png") { set terminal pngcairo noenhanced size 1120,472 font ",10" }
    if (format eq "svg") { set terminal svg noenhanced size 1120,472 dynamic font ",10" }
    set output "break-even." . format
    set multiplot layout 1,2 title "Checks per reload above which a design pays against hlist"
    set grid
    set key below maxrows 1 font ",9" samplen 3 spacing 1.1
    set autoscale xfix
    set autoscale yfix
    set offsets graph 0.03, graph 0.03, graph 0.06, graph 0.04
    set bars small
    set xlabel "namespace depth"
    set ylabel "checks per reload (miss storm apart)"
    set title "100 descendants"
    unset logscale y
    set ytics auto
    plot "break-even.dat" index 0 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 1 using 1:2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table"
    set title "10000 descendants"
    set logscale y
    set ytics (1000, 2000, 5000, 10000, 20000, 50000)
    plot "break-even.dat" index 2 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 3 using 1:2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table"
    unset multiplot
    unset output
}
