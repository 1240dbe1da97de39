;;; Checks multiple values: values, call-with-values, let-values,
;;; let*-values from (srfi srfi-11), receive from (ice-9 receive) and
;;; define-values.

(use-modules (ice-9 receive) (srfi srfi-11))

(define (div-mod a b) (values (quotient a b) (remainder a b)))

(call-with-values (lambda () (div-mod 17 5))
  (lambda (q r) (write (list q r)) (newline)))
(write (call-with-values (lambda () (values 1 2 3)) list)) (newline)
(write (call-with-values (lambda () (values)) list)) (newline)
(write (call-with-values (lambda () 5) (lambda (x) (* x x)))) (newline)

(let-values (((q r) (div-mod 20 6))
             ((a . rest) (values 1 2 3))
             (all (values 'x 'y)))
  (write (list q r a rest all))
  (newline))

(let*-values (((a b) (values 1 2))
              ((c) (values (+ a b))))
  (write (list a b c))
  (newline))

(receive (q r) (div-mod 100 7)
  (write (list 'q q 'r r))
  (newline))
(receive (first . others) (values 'a 'b 'c)
  (write (list first others))
  (newline))
(receive all (values)
  (write all)
  (newline))

(define-values (lo hi) (values 1 99))
(write (list lo hi)) (newline)
(define-values (head . tail) (values 1 2 3))
(write (list head tail)) (newline)

(define (min-max lst)
  (let loop ((l (cdr lst)) (lo (car lst)) (hi (car lst)))
    (if (null? l)
        (values lo hi)
        (loop (cdr l) (min lo (car l)) (max hi (car l))))))
(receive (lo hi) (min-max '(3 1 4 1 5 9 2 6))
  (write (cons lo hi))
  (newline))
