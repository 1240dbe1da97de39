;;; Benchmark: build a 100,000-element list by hand, keep the multiples of
;;; three, square them and sum, ten times over (allocation and list
;;; traversal).

(define (build n)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0)
        acc
        (loop (- i 1) (cons i acc)))))

(define (keep pred lst)
  (let loop ((lst lst) (acc '()))
    (cond ((null? lst) (reverse acc))
          ((pred (car lst)) (loop (cdr lst) (cons (car lst) acc)))
          (else (loop (cdr lst) acc)))))

(define (square-all lst)
  (let loop ((lst lst) (acc '()))
    (if (null? lst)
        (reverse acc)
        (loop (cdr lst) (cons (* (car lst) (car lst)) acc)))))

(define (sum lst)
  (let loop ((lst lst) (total 0))
    (if (null? lst)
        total
        (loop (cdr lst) (+ total (car lst))))))

(define (one-round n)
  (let ((kept (keep (lambda (x) (= 0 (remainder x 3))) (build n))))
    (+ (length kept) (sum (square-all kept)))))

(let loop ((pass 0) (result 0))
  (if (= pass 10)
      (begin (display result) (newline))
      (loop (+ pass 1) (one-round 100000))))
