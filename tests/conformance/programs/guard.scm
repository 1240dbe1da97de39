;;; Checks guard with plain clauses, => clauses, else, re-raising when no
;;; clause matches, and guard bodies that return normally.  In Guile 3.0.8
;;; guard and the R7RS raise are not in the default environment: they come
;;; from (srfi srfi-34); error? comes from (ice-9 exceptions).

(use-modules (srfi srfi-34) (ice-9 exceptions))

(define (safe-div a b)
  (guard (e ((symbol? e) (list 'caught e))
            ((and (string? e) e) => string-length)
            ((and (pair? e) (assq 'code e)) => cdr))
    (cond ((= b 0) (raise 'division-by-zero))
          ((< b 0) (raise "negative divisor"))
          ((> b 100) (raise '((code . 413))))
          (else (/ a b)))))

(write (safe-div 10 2)) (newline)
(write (safe-div 10 0)) (newline)
(write (safe-div 10 -1)) (newline)
(write (safe-div 10 200)) (newline)

(write (guard (e (#t (list 'any e))) (raise 42))) (newline)
(write (guard (e (else (list 'else e))) (raise 'boom))) (newline)

(write (guard (outer (#t (list 'outer-caught outer)))
         (guard (inner ((string? inner) 'inner-caught))
           (raise 'not-a-string))))
(newline)

(write (guard (e ((number? e) (* e 2)))
         (+ 1 (guard (e ((string? e) 0))
                (raise 20)))))
(newline)

(write (guard (e ((error? e) 'an-error))
         (error "custom failure" 1 2)))
(newline)

(define log '())
(write (guard (e (#t (set! log (cons 'handled log)) e))
         (dynamic-wind
           (lambda () (set! log (cons 'in log)))
           (lambda () (raise 'inside))
           (lambda () (set! log (cons 'out log))))))
(newline)
(write (reverse log)) (newline)
(write (guard (e (#f 'never)) 'no-exception)) (newline)
