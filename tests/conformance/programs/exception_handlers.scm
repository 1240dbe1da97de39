;;; Checks with-exception-handler with raise-continuable (the handler's value
;;; returns to the raise point), nested handlers, and that a handler
;;; returning from a non-continuable raise is itself an error.

(use-modules (srfi srfi-34) (ice-9 exceptions))

(write (with-exception-handler
        (lambda (c) (* c 2))
        (lambda () (+ 1 (raise-continuable 20)))))
(newline)

(write (with-exception-handler
        (lambda (c) 'outer)
        (lambda ()
          (with-exception-handler
           (lambda (c) (list 'inner c))
           (lambda () (raise-continuable 'x))))))
(newline)

;; Inside a handler, the outer handler is current.
(write (with-exception-handler
        (lambda (c) (list 'outer-saw c))
        (lambda ()
          (with-exception-handler
           (lambda (c) (raise-continuable (list 'wrapped c)))
           (lambda () (raise-continuable 'deep))))))
(newline)

(write (guard (e (#t 'non-continuable-detected))
         (with-exception-handler
          (lambda (c) 'returned)
          (lambda () (raise 'oops)))))
(newline)

(write (call-with-current-continuation
        (lambda (k)
          (with-exception-handler
           (lambda (c) (k (list 'escaped-with c)))
           (lambda () (raise 'fatal))))))
(newline)

(define warnings '())
(define (warn msg)
  (raise-continuable (list 'warning msg)))
(define (process items)
  (map (lambda (x) (if (negative? x) (begin (warn x) 0) x)) items))
(write (with-exception-handler
        (lambda (c) (set! warnings (cons (cadr c) warnings)) #f)
        (lambda () (process '(1 -2 3 -4)))))
(newline)
(write (reverse warnings)) (newline)
