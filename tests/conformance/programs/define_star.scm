;;; Checks define* and lambda* with #:optional, #:key, #:rest and
;;; #:allow-other-keys, and defaults that refer to earlier arguments.

(define* (opt a #:optional (b 10) c)
  (list a b (if (eq? c #f) 'no-c c)))
(write (opt 1)) (newline)
(write (opt 1 2)) (newline)
(write (opt 1 2 3)) (newline)

(define* (keys #:key (name "anon") (size (* 2 3)) flag)
  (list name size flag))
(write (keys)) (newline)
(write (keys #:size 1)) (newline)
(write (keys #:flag #t #:name "bob")) (newline)

(define* (dep a #:optional (b (* a 2)) #:key (c (+ a b)))
  (list a b c))
(write (dep 1)) (newline)
(write (dep 1 5)) (newline)
(write (dep 1 5 #:c 0)) (newline)

(define* (with-rest a #:rest more) (list a more))
(write (with-rest 1 2 3)) (newline)

(define* (loose #:key x #:allow-other-keys) x)
(write (loose #:y 2 #:x 1 #:z 3)) (newline)

(define* (rest-and-keys #:key verbose #:rest args) (list verbose args))
(write (rest-and-keys #:verbose 1)) (newline)

(define f (lambda* (#:key (greeting "hello") (who "world"))
            (string-append greeting ", " who)))
(display (f #:who "guix")) (newline)
(display (f)) (newline)

(define* (service name #:key (requirement '()) (respawn? #t))
  `(,name ,requirement ,respawn?))
(write (service 'sshd #:requirement '(networking))) (newline)
(write (service 'cron #:respawn? #f)) (newline)
