# Readers under churn: net ns per check vs the writer's rate
# Written by hookbench from results.csv; data in churn.dat (one block
# per panel and series, "index N"; columns x y y_low y_high).
# Restyle freely, then re-run in this directory: gnuplot churn.gp

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
    if (format eq "png") { set terminal pngcairo noenhanced size 560,520 font ",10" }
    if (format eq "svg") { set terminal svg noenhanced size 560,520 dynamic font ",10" }
    set output "churn." . format
    set multiplot layout 1,1 title "Readers under churn: net ns per check vs the writer's rate"
    set grid
    set key below maxrows 4 font ",9" samplen 3 spacing 1.1
    set autoscale xfix
    set autoscale yfix
    set offsets graph 0.03, graph 0.03, graph 0.06, graph 0.04
    set bars small
    set xlabel "writes per second asked of the writer (0: no writer)"
    set ylabel "net ns per check (95% CI)"
    set xtics ("0" 0.0000, "10" 1.0000, "1000" 2.0000, "100000" 3.0000, "max" 4.0000)
    set title "depth 8, descendants 100, 1 reader, readers spread, one world"
    set logscale y
    set ytics (50, 100, 200, 500, 1000, 2000, 5000)
    plot "churn.dat" index 0 using ($1-0.1000):2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle, \
         "" index 0 using ($1-0.1000):2 with linespoints lc 1 pt 7 ps 0.9 dt 1 title "hlist", \
         "" index 1 using ($1-0.0667):2:3:4 with yerrorbars lc 2 pt 5 ps 0.9 dt 1 notitle, \
         "" index 1 using ($1-0.0667):2 with linespoints lc 2 pt 5 ps 0.9 dt 1 title "static-slots", \
         "" index 2 using ($1-0.0333):2:3:4 with yerrorbars lc 3 pt 9 ps 0.9 dt 1 notitle, \
         "" index 2 using ($1-0.0333):2 with linespoints lc 3 pt 9 ps 0.9 dt 1 title "ancestry", \
         "" index 3 using 1:2:3:4 with yerrorbars lc 4 pt 13 ps 0.9 dt 1 notitle, \
         "" index 3 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 4 using ($1+0.0333):2:3:4 with yerrorbars lc 5 pt 11 ps 0.9 dt 1 notitle, \
         "" index 4 using ($1+0.0333):2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table", \
         "" index 5 using ($1+0.0667):2:3:4 with yerrorbars lc 6 pt 15 ps 0.9 dt 1 notitle, \
         "" index 5 using ($1+0.0667):2 with linespoints lc 6 pt 15 ps 0.9 dt 1 title "label-vector", \
         "" index 6 using ($1+0.1000):2:3:4 with yerrorbars lc 7 pt 7 ps 0.9 dt 1 notitle, \
         "" index 6 using ($1+0.1000):2 with linespoints lc 7 pt 7 ps 0.9 dt 1 title "global-avc"
    unset multiplot
    unset output
}
